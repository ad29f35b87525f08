CREATE TABLE `schedule_run_checks` (
	`schedule_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`beneficiary_id` text NOT NULL,
	`amount` integer NOT NULL,
	`every` text NOT NULL,
	`starts_at` text NOT NULL,
	`next_run_at` text NOT NULL,
	`status` text NOT NULL,
	`last_run_at` text,
	`last_run_result` text,
	`last_run_code` text,
	`last_run_topup_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "schedule_amount_positive" CHECK("schedules"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedules_beneficiary_live` ON `schedules` (`beneficiary_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `schedules_user` ON `schedules` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `schedules_due` ON `schedules` (`next_run_at`,`id`) WHERE status = 'active' AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `topups` ADD `schedule_id` text REFERENCES schedules(id);--> statement-breakpoint

-- Hand-written (drizzle-kit does not model triggers). Keep BEGIN/END uppercase, the
-- condition in WHEN and the body a single SELECT RAISE(...): remote D1 rejects other shapes.

-- A run's batch updates its schedule guarded by "still active, still due at this
-- period, unchanged"; when that update changed nothing the batch inserts a row here,
-- and this aborts the batch whole: no debit, no claim, no top-up.
CREATE TRIGGER schedule_run_checks_reject BEFORE INSERT ON schedule_run_checks
BEGIN
  SELECT RAISE(ABORT, 'SCHEDULE_CHANGED');
END;
--> statement-breakpoint

-- A schedule needs the user's own live beneficiary, and an active one.
CREATE TRIGGER schedules_beneficiary_exists BEFORE INSERT ON schedules
WHEN NOT EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'NOT_FOUND');
END;
--> statement-breakpoint
CREATE TRIGGER schedules_beneficiary_active BEFORE INSERT ON schedules
WHEN EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL AND active = 0)
BEGIN
  SELECT RAISE(ABORT, 'BENEFICIARY_INACTIVE');
END;
--> statement-breakpoint

-- A scheduled top-up belongs to its schedule's user and beneficiary.
CREATE TRIGGER topups_schedule_matches BEFORE INSERT ON topups
WHEN NEW.schedule_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM schedules WHERE id = NEW.schedule_id AND user_id = NEW.user_id AND beneficiary_id = NEW.beneficiary_id)
BEGIN
  SELECT RAISE(ABORT, 'SCHEDULE_CHANGED');
END;
