import { Route, Router } from '@solidjs/router';
import { lazy, type Component } from 'solid-js';
import { Layout } from './components/shell/Layout';
// The first screen of a first visit: its own chunk, preloaded by first-paint/boot-lang.js on a first visit
// only (ADR 110). It needs only the first screen's words, which main.tsx loads before rendering.
const SignIn = lazy(() => import('./pages/SignIn'));
import { maybeSignedIn } from './offline/session';
import { allWords, initialLocale } from './i18n';

// A returning person opening "/" sees Home next: its chunk and the rest of the words load while IndexedDB opens.
const loadHome = () => import('./pages/Home');
if (typeof location !== 'undefined' && location.pathname === '/' && maybeSignedIn()) {
  void loadHome();
  void allWords(initialLocale());
}

/** Every other screen is its own chunk, loaded when visited, and shown once all its words are in. */
const page = <T extends { default: Component }>(load: () => Promise<T>) => lazy(() => Promise.all([load(), allWords()]).then(([module]) => module));
const Home = page(loadHome);
const SignUp = page(() => import('./pages/SignUp'));
const Beneficiaries = page(() => import('./pages/Beneficiaries'));
const TopUp = page(() => import('./pages/TopUp'));
const Receipt = page(() => import('./pages/Receipt'));
const Activity = page(() => import('./pages/Activity'));
const Account = page(() => import('./pages/Account'));
const Statements = page(() => import('./pages/Statements'));
const Inbox = page(() => import('./pages/Inbox'));
const NotFound = page(() => import('./pages/NotFound'));

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
      <Route path="/statements" component={Statements} />
      <Route path="/notifications" component={Inbox} />
      <Route path="*rest" component={NotFound} />
    </Router>
  );
}
