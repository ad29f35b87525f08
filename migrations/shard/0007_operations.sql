-- Hand-written (docs/decisions/015-operations.md): what the operations console
-- changes on a shard, and the record of every change, kept on the shard whose
-- data changed (D1 cannot commit across databases). Keep BEGIN/END uppercase, the
-- condition in WHEN and the body a single SELECT RAISE(...).

-- A frozen user signs in and reads; every write of theirs is refused.
ALTER TABLE `users` ADD `frozen_at` text;
--> statement-breakpoint

-- Never holds a row: each of a user's writes (their own, or a scheduled run) starts by
-- inserting the user here; the batch aborts with ACCOUNT_FROZEN while the user is
-- frozen and otherwise stores nothing.
CREATE TABLE `account_write_checks` (
	`user_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER account_write_checks_frozen BEFORE INSERT ON account_write_checks
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND frozen_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'ACCOUNT_FROZEN');
END;
--> statement-breakpoint
CREATE TRIGGER account_write_checks_discard BEFORE INSERT ON account_write_checks
WHEN NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND frozen_at IS NOT NULL)
BEGIN
  SELECT RAISE(IGNORE);
END;
--> statement-breakpoint

-- Money an operator moves: requested by one operator, applied or rejected by another.
CREATE TABLE `adjustments` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`user_id` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`decided_by` text,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "adjustments_amount" CHECK("adjustments"."amount" <> 0 AND ABS("adjustments"."amount") <= 100000),
	CONSTRAINT "adjustments_status" CHECK("adjustments"."status" IN ('pending', 'applied', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adjustments_id_unique` ON `adjustments` (`id`);
--> statement-breakpoint
CREATE INDEX `adjustments_status_seq` ON `adjustments` (`status`, `seq`);
--> statement-breakpoint
CREATE INDEX `adjustments_user` ON `adjustments` (`user_id`, `seq`);
--> statement-breakpoint
-- Decided once: a second decision (two approvals racing) aborts its whole batch, ledger
-- movement and audit record included. The conditions exclude each other, so the code
-- raised does not depend on trigger order.
CREATE TRIGGER adjustments_decide_once BEFORE UPDATE OF status ON adjustments
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'ALREADY_DECIDED');
END;
--> statement-breakpoint
CREATE TRIGGER adjustments_second_operator BEFORE UPDATE OF status ON adjustments
WHEN OLD.status = 'pending' AND NEW.status = 'applied' AND (NEW.decided_by IS NULL OR NEW.decided_by = OLD.requested_by)
BEGIN
  SELECT RAISE(ABORT, 'SAME_APPROVER');
END;
--> statement-breakpoint
CREATE TRIGGER adjustments_terms_fixed BEFORE UPDATE OF id, user_id, amount, requested_by, created_at ON adjustments
BEGIN
  SELECT RAISE(ABORT, 'ADJUSTMENT_IMMUTABLE');
END;
--> statement-breakpoint
CREATE TRIGGER adjustments_no_delete BEFORE DELETE ON adjustments
BEGIN
  SELECT RAISE(ABORT, 'ADJUSTMENT_IMMUTABLE');
END;
--> statement-breakpoint

-- The other side of every adjustment on the double-entry ledger.
INSERT INTO accounts (id, user_id, kind, balance) VALUES ('system:adjustments', NULL, 'adjustments', 0);
--> statement-breakpoint

-- Every operator write on this shard, written by the batch that makes the change.
-- Append-only: nothing may update or delete a record.
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
CREATE INDEX `audit_log_user` ON `audit_log` (`user_id`, `at`);
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
