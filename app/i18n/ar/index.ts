/** Arabic: the same keys and parameters as ../en, area by area. */
import type { Catalog } from '..';
import common from './common';

const ar: Catalog = {
  ...common,
};
export default ar;
