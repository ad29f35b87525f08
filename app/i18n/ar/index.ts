/** Arabic: the same keys and parameters as ../en, area by area. */
import type { Catalog } from '..';
import common from './common';
import schedules from './schedules';

const ar: Catalog = {
  ...common,
  ...schedules,
};
export default ar;
