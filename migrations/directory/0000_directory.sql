-- The directory database (docs/decisions/010-shards.md): which shard holds each
-- user, and nothing else a request needs once it is signed in. Hand-written: the
-- directory is not part of worker/db/schema.ts (that is one shard's schema).

-- One row per email (lower-cased by the API before it gets here). `state` is
-- 'pending' from the moment a sign-up reserves the email until its user exists on
-- the shard, then 'active'. A pending row whose user never arrived is repaired by
-- the next sign-up of that email (worker/db/directory.ts), never left to block it.
CREATE TABLE `users_directory` (
	`email` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`shard` integer NOT NULL,
	`state` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "users_directory_state" CHECK(`state` IN ('pending', 'active'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_directory_user` ON `users_directory` (`user_id`);
--> statement-breakpoint
-- Placement: how many users each shard was given (least-users among the open shards).
CREATE TABLE `shard_counts` (
	`shard` integer PRIMARY KEY NOT NULL,
	`users` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
-- Passkey credential id → its user and shard (passkey sign-in knows only the credential).
CREATE TABLE `passkey_credentials` (
	`credential_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`shard` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `passkey_credentials_user` ON `passkey_credentials` (`user_id`);
--> statement-breakpoint
-- Beneficiary and schedule ids are the user's to choose (offline clients), and one
-- taken by anyone else is 409 ID_CONFLICT: on another shard only the directory can
-- tell, so every such id is claimed here before its row is written on the shard.
CREATE TABLE `object_ids` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
