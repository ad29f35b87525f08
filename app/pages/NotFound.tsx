import { A } from '@solidjs/router';
import { PageTitle } from '../components/PageTitle';

export default function NotFound() {
  return (
    <div class="space-y-3">
      <PageTitle>Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <A href="/" class="link">
        Go to home
      </A>
    </div>
  );
}
