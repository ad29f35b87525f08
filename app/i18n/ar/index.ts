/** Arabic: the same keys and parameters as ../en, area by area. */
import type { Catalog } from '..';
import common from './common';
import schedules from './schedules';
import security from './security';

const ar: Catalog = {
  ...common,
  ...schedules,
  ...security,
};
export default ar;
