-- Money you can see and take back (docs/decisions/012-money-and-data.md): withdrawals,
-- problem reports, account closure, and the user's language (for statements).
-- Hand-written beside worker/db/schema.ts. Keep BEGIN/END uppercase, the condition in
-- WHEN and the body a single SELECT RAISE(...).

-- The language a person reads TopUp in (statements' CSV words, notifications); PATCH /api/me sets it.
ALTER TABLE `users` ADD `lang` text DEFAULT 'en' NOT NULL CHECK (`lang` IN ('en', 'ar'));
--> statement-breakpoint
-- Set once, by the closing batch; the person's data is scrubbed in that same batch.
ALTER TABLE `users` ADD `closed_at` text;
--> statement-breakpoint
-- Money withdrawn to people's banks leaves the wallets for this account.
INSERT INTO accounts (id, user_id, kind, balance) VALUES ('system:bank_withdrawals', NULL, 'bank_withdrawals', 0);
--> statement-breakpoint
-- Statements read one user's month of transactions by time.
CREATE INDEX `ledger_transactions_user_created` ON `ledger_transactions` (`user_id`, `created_at`);
--> statement-breakpoint
CREATE TABLE `problems` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`topup_id` text NOT NULL,
	`reason` text NOT NULL,
	`message` text,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topup_id`) REFERENCES `topups`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "problems_reason" CHECK("problems"."reason" IN ('not_received', 'wrong_number', 'other')),
	CONSTRAINT "problems_status" CHECK("problems"."status" IN ('open', 'resolved'))
);
--> statement-breakpoint
-- One open problem per top-up, whatever the concurrency.
CREATE UNIQUE INDEX `problems_topup_open` ON `problems` (`topup_id`) WHERE status = 'open';
--> statement-breakpoint
CREATE INDEX `problems_user_created` ON `problems` (`user_id`, `created_at`);
--> statement-breakpoint
-- A problem is about one of the user's own top-ups (another user's is 404, never 403).
CREATE TRIGGER problems_own_topup BEFORE INSERT ON problems
WHEN NOT EXISTS (SELECT 1 FROM topups WHERE id = NEW.topup_id AND user_id = NEW.user_id)
BEGIN
  SELECT RAISE(ABORT, 'NOT_FOUND');
END;
--> statement-breakpoint
CREATE INDEX `problems_status_created` ON `problems` (`status`, `created_at`);
--> statement-breakpoint
-- Closing an account: refused inside the closing batch while money or a pending
-- top-up remains (mutually exclusive conditions: the code does not depend on order).
CREATE TRIGGER users_close_balance BEFORE UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL
  AND (SELECT balance FROM accounts WHERE id = 'wallet:' || NEW.id) <> 0
BEGIN
  SELECT RAISE(ABORT, 'BALANCE_NOT_ZERO');
END;
--> statement-breakpoint
CREATE TRIGGER users_close_pending BEFORE UPDATE OF closed_at ON users
WHEN NEW.closed_at IS NOT NULL
  AND (SELECT balance FROM accounts WHERE id = 'wallet:' || NEW.id) = 0
  AND EXISTS (SELECT 1 FROM topups WHERE user_id = NEW.id AND status = 'pending')
BEGIN
  SELECT RAISE(ABORT, 'TOPUP_PENDING');
END;
--> statement-breakpoint
-- A closed account stays closed.
CREATE TRIGGER users_closed_once BEFORE UPDATE OF closed_at ON users
WHEN OLD.closed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'UNAUTHENTICATED');
END;
--> statement-breakpoint
-- No money moves into or out of a closed account's wallet (belt and braces: its
-- sessions end and its schedules go in the closing batch).
CREATE TRIGGER ledger_transactions_closed_user BEFORE INSERT ON ledger_transactions
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND closed_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'UNAUTHENTICATED');
END;
