/** /api/admin, the operations API (ADR 015): mounted before the customer session middleware; each route declares its role. */
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env';
import { onNotFound } from '../../middleware/exchange';
import { requireRole } from '../../middleware/operator';
import { adminUserRoutes } from './users';
import { adminAdjustmentRoutes, adminTopupRoutes } from './money';
import { adminProblemRoutes } from './problems';
import { adminOversightRoutes } from './oversight';
import { adminRoleRoutes } from './roles';

export const adminRoutes = new Hono<AppEnv>()
  .route('/users', adminUserRoutes)
  .route('/topups', adminTopupRoutes)
  .route('/adjustments', adminAdjustmentRoutes)
  .route('/problems', adminProblemRoutes)
  .route('/roles', adminRoleRoutes)
  .route('/', adminOversightRoutes)
  // No such operations route: who is asking still comes first (401 without Access, 404 with).
  .all('*', requireRole('viewer'), onNotFound);
