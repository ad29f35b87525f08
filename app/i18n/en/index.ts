/** English: the source of truth for every key and its parameters (see ../index.ts). One file per area. */
import common from './common';
import schedules from './schedules';
import security from './security';

export default {
  ...common,
  ...schedules,
  ...security,
};
