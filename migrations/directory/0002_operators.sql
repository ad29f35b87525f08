-- Hand-written (docs/decisions/015-operations.md): who may use the operations API,
-- and the record of every change to it. Role changes live in the directory, so their
-- audit records do too (in the same batch); shard changes are audited on the shard.

CREATE TABLE `operator_roles` (
	`email` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`granted_by` text NOT NULL,
	`granted_at` text NOT NULL,
	CONSTRAINT "operator_roles_role" CHECK(`role` IN ('viewer', 'support', 'finance', 'admin'))
);
--> statement-breakpoint
-- The last admin stays: removing or demoting them aborts the batch.
CREATE TRIGGER operator_roles_last_admin_delete BEFORE DELETE ON operator_roles
WHEN OLD.role = 'admin' AND (SELECT COUNT(*) FROM operator_roles WHERE role = 'admin') <= 1
BEGIN
  SELECT RAISE(ABORT, 'LAST_ADMIN');
END;
--> statement-breakpoint
CREATE TRIGGER operator_roles_last_admin_update BEFORE UPDATE OF role ON operator_roles
WHEN OLD.role = 'admin' AND NEW.role <> 'admin' AND (SELECT COUNT(*) FROM operator_roles WHERE role = 'admin') <= 1
BEGIN
  SELECT RAISE(ABORT, 'LAST_ADMIN');
END;
--> statement-breakpoint

-- The same shape as a shard's audit_log, append-only.
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`role` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`user_id` text,
	`reason` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_unique` ON `audit_log` (`id`);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`, `id`);
--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`, `at`);
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY');
END;
--> statement-breakpoint

-- Operators' idempotency keys for role changes (the shard's table, same shape): a
-- role change claims its key in the batch that makes it.
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`fingerprint` text NOT NULL,
	`state` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created` ON `idempotency_keys` (`created_at`);
