/** What sign-in and the frame use, loaded before the app renders; the rest (./index.ts) right after. Keep it to that. */
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
