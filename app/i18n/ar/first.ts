/** Arabic twin of ../en/first.ts. */
import type en from '../en/first';
import common from './common';
import shell from './shell';
import auth from './auth';
import errors from './errors';

const ar: typeof en = {
  ...common,
  ...shell,
  ...auth,
  ...errors,
};
export default ar;
