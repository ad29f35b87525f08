/**
 * The areas the first screen of a first visit (sign-in, the shell) needs: loaded
 * before the app renders. The rest (./index.ts) loads right after, and before any
 * other screen shows (App.tsx). Keep it to what sign-in and the frame use.
 */
import common from './common';
import shell from './shell';
import auth from './auth';
import errors from './errors';

export default {
  ...common,
  ...shell,
  ...auth,
  ...errors,
};
