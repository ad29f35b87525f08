-- Notifications (API.md "Notifications (v3)", docs/decisions/014-notifications.md).
-- Hand-written beside worker/db/schema.ts. A person's inbox, their browsers' push
-- subscriptions, and the outbox of pushes (one row per notification and subscription,
-- written in the batch that writes the notification). `users.lang`, which words them,
-- comes from migration 0005.
CREATE TABLE `notifications` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`lang` text NOT NULL,
	`dedupe_key` text,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notifications_kind" CHECK("notifications"."kind" IN ('schedule_run', 'topup_settled', 'low_balance', 'limit_near', 'new_sign_in', 'problem_update', 'account_status'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_id_unique` ON `notifications` (`id`);
--> statement-breakpoint
CREATE INDEX `notifications_user_seq` ON `notifications` (`user_id`, `seq`);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_dedupe` ON `notifications` (`user_id`, `dedupe_key`) WHERE dedupe_key IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`) WHERE read_at IS NULL;
--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`session_id` text,
	`user_agent` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint` ON `push_subscriptions` (`endpoint`);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_session` ON `push_subscriptions` (`session_id`);
--> statement-breakpoint
CREATE TABLE `push_deliveries` (
	`notification_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`user_id` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`notification_id`, `subscription_id`)
);
--> statement-breakpoint
CREATE INDEX `push_deliveries_due` ON `push_deliveries` (`next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `push_deliveries_subscription` ON `push_deliveries` (`subscription_id`);
