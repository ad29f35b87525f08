import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { Layout } from './components/Layout';
// Sign-in is the first screen of a first visit (cold, over the network): part of
// the entry chunk. A returning person's Home comes from the service worker's precache.
import SignIn from './pages/SignIn';
import { maybeSignedIn } from './offline/session';

// A returning person opening "/" sees Home next: fetch its chunk now, while
// IndexedDB opens, instead of after the session is read (one less step in the waterfall).
const loadHome = () => import('./pages/Home');
if (typeof location !== 'undefined' && location.pathname === '/' && maybeSignedIn()) void loadHome();

// Every other screen is its own chunk, loaded when visited.
const Home = lazy(loadHome);
const SignUp = lazy(() => import('./pages/SignUp'));
const Beneficiaries = lazy(() => import('./pages/Beneficiaries'));
const TopUp = lazy(() => import('./pages/TopUp'));
const Receipt = lazy(() => import('./pages/Receipt'));
const Activity = lazy(() => import('./pages/Activity'));
const Account = lazy(() => import('./pages/Account'));
const NotFound = lazy(() => import('./pages/NotFound'));

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/signin" component={SignIn} />
      <Route path="/signup" component={SignUp} />
      <Route path="/beneficiaries" component={Beneficiaries} />
      <Route path="/topup/:id" component={TopUp} />
      <Route path="/receipt/:key" component={Receipt} />
      <Route path="/activity" component={Activity} />
      <Route path="/account" component={Account} />
      <Route path="*rest" component={NotFound} />
    </Router>
  );
}
