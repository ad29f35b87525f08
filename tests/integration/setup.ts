import { applyD1Migrations, env } from 'cloudflare:test';
import { installConsoleGuard } from '../shared/console-guard';

installConsoleGuard();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
