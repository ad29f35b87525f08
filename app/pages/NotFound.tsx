import { A } from '@solidjs/router';
import { PageTitle } from '../ui/PageTitle';
import { t } from '../i18n';

export default function NotFound() {
  return (
    <div class="space-y-3">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <A href="/" class="link">
        {t('notFound.home')}
      </A>
    </div>
  );
}
