-- Passkey sign-in challenges (docs/decisions/011-passkeys.md, 010-shards.md): issued
-- before anyone is identified, so they cannot live on a user's shard; the sign-in
-- takes its challenge and finds the credential's owner here in one batch, then goes
-- to that owner's shard. Registration challenges stay on the user's shard.
CREATE TABLE `sign_in_challenges` (
	`challenge` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_challenges_expires` ON `sign_in_challenges` (`expires_at`);
