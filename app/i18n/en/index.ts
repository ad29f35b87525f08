/** English: the source of truth for every key and its parameters (see ../index.ts). One file per area. */
import common from './common';
import security from './security';

export default {
  ...common,
  ...security,
};
