ALTER TABLE `session_assertions` ADD `user_id` text;
--> statement-breakpoint

-- Hand-written: a write's session check also requires the session to belong to the
-- token's subject, as reads already do (meQuery joins on both).
DROP TRIGGER session_assertions_reject;
--> statement-breakpoint
DROP TRIGGER session_assertions_discard;
--> statement-breakpoint
CREATE TRIGGER session_assertions_reject BEFORE INSERT ON session_assertions
WHEN NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id AND user_id = NEW.user_id AND revoked_at IS NULL AND expires_at > NEW.at)
BEGIN
  SELECT RAISE(ABORT, 'UNAUTHENTICATED');
END;
--> statement-breakpoint
CREATE TRIGGER session_assertions_discard BEFORE INSERT ON session_assertions
WHEN EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id AND user_id = NEW.user_id AND revoked_at IS NULL AND expires_at > NEW.at)
BEGIN
  SELECT RAISE(IGNORE);
END;
