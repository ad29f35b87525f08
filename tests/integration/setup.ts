import { applyD1Migrations, env } from 'cloudflare:test';
import { installConsoleGuard } from '../shared/console-guard';
import { shardIds, shardBinding } from '../../worker/db/shards';

installConsoleGuard();
// The directory and every shard, as `npm start` and the deploy migrate them.
await applyD1Migrations(env.DIRECTORY, env.TEST_DIRECTORY_MIGRATIONS);
for (const id of shardIds(env)) await applyD1Migrations(shardBinding(env, id)!, env.TEST_MIGRATIONS);
