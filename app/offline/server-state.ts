/** The server's state as last seen: the screen shows it with the queued intents applied on top. */
import type { ApiBeneficiary, ApiLimits, ApiOptions, ApiTopup, ApiTransaction, ApiUser, Page } from '../../worker/domain/contract';

export type Snapshot = {
  user: ApiUser;
  limits: ApiLimits | null;
  beneficiaries: ApiBeneficiary[];
  transactions: Page<ApiTransaction> | null;
  topups: Page<ApiTopup> | null;
  options: ApiOptions | null;
  syncedAt: string | null;
};
