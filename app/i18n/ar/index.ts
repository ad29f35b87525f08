/** Arabic: the same keys and parameters as ../en, area by area. */
import type en from '../en';
import first from './first';
import refusals from './refusals';
import home from './home';
import beneficiaries from './beneficiaries';
import topup from './topup';
import account from './account';
import schedules from './schedules';
import security from './security';
import money from './money';
import notifications from './notifications';

type Catalog = typeof en;

const ar: Catalog = {
  ...first,
  ...refusals,
  ...home,
  ...beneficiaries,
  ...topup,
  ...account,
  ...schedules,
  ...security,
  ...money,
  ...notifications,
};
export default ar;
