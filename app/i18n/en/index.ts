/** English: the source of truth for every key and its parameters (see ../index.ts). One file per area. */
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

export default {
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
