-- Hand-written: the rules that protect money, enforced inside whatever batch writes
-- the row, so no interleaving of requests can pass them. drizzle-kit does not model
-- triggers. Keep BEGIN/END uppercase, the condition in WHEN and the body a single
-- SELECT RAISE(...): remote D1 rejects other shapes.

-- System accounts of the double-entry ledger (money comes from the bank, goes to
-- the provider and to fee income). Wallet accounts are created with each user.
INSERT INTO accounts (id, user_id, kind, balance) VALUES
  ('system:bank_funding', NULL, 'bank_funding', 0),
  ('system:fee_income', NULL, 'fee_income', 0),
  ('system:provider_payable', NULL, 'provider_payable', 0);
--> statement-breakpoint

-- A write batch starts by inserting into session_assertions: it aborts unless the
-- session is live, and otherwise stores nothing.
CREATE TRIGGER session_assertions_reject BEFORE INSERT ON session_assertions
WHEN NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id AND revoked_at IS NULL AND expires_at > NEW.at)
BEGIN
  SELECT RAISE(ABORT, 'UNAUTHENTICATED');
END;
--> statement-breakpoint
CREATE TRIGGER session_assertions_discard BEFORE INSERT ON session_assertions
WHEN EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id AND revoked_at IS NULL AND expires_at > NEW.at)
BEGIN
  SELECT RAISE(IGNORE);
END;
--> statement-breakpoint

-- At no moment more than active_cap (5) active beneficiaries per user.
CREATE TRIGGER beneficiaries_active_cap_insert BEFORE INSERT ON beneficiaries
WHEN NEW.active = 1 AND NEW.deleted_at IS NULL
  AND (SELECT COUNT(*) FROM beneficiaries WHERE user_id = NEW.user_id AND active = 1 AND deleted_at IS NULL) >= NEW.active_cap
BEGIN
  SELECT RAISE(ABORT, 'ACTIVE_LIMIT_REACHED');
END;
--> statement-breakpoint
CREATE TRIGGER beneficiaries_active_cap_update BEFORE UPDATE OF active, deleted_at ON beneficiaries
WHEN NEW.active = 1 AND NEW.deleted_at IS NULL AND (OLD.active = 0 OR OLD.deleted_at IS NOT NULL)
  AND (SELECT COUNT(*) FROM beneficiaries WHERE user_id = NEW.user_id AND active = 1 AND deleted_at IS NULL AND id <> NEW.id) >= NEW.active_cap
BEGIN
  SELECT RAISE(ABORT, 'ACTIVE_LIMIT_REACHED');
END;
--> statement-breakpoint

-- A top-up needs the user's own live beneficiary, active, and room in both monthly
-- limits (pending + completed amounts of the Asia/Dubai month; the fee does not count).
-- The conditions are mutually exclusive so the code raised does not depend on trigger order.
CREATE TRIGGER topups_beneficiary_exists BEFORE INSERT ON topups
WHEN NOT EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'NOT_FOUND');
END;
--> statement-breakpoint
CREATE TRIGGER topups_beneficiary_active BEFORE INSERT ON topups
WHEN EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL AND active = 0)
BEGIN
  SELECT RAISE(ABORT, 'BENEFICIARY_INACTIVE');
END;
--> statement-breakpoint
CREATE TRIGGER topups_beneficiary_monthly_limit BEFORE INSERT ON topups
WHEN EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL AND active = 1)
  AND NEW.amount + (SELECT COALESCE(SUM(amount), 0) FROM topups WHERE beneficiary_id = NEW.beneficiary_id AND month = NEW.month AND status IN ('pending', 'completed')) > NEW.beneficiary_limit
BEGIN
  SELECT RAISE(ABORT, 'BENEFICIARY_MONTHLY_LIMIT');
END;
--> statement-breakpoint
CREATE TRIGGER topups_total_monthly_limit BEFORE INSERT ON topups
WHEN EXISTS (SELECT 1 FROM beneficiaries WHERE id = NEW.beneficiary_id AND user_id = NEW.user_id AND deleted_at IS NULL AND active = 1)
  AND NEW.amount + (SELECT COALESCE(SUM(amount), 0) FROM topups WHERE beneficiary_id = NEW.beneficiary_id AND month = NEW.month AND status IN ('pending', 'completed')) <= NEW.beneficiary_limit
  AND NEW.amount + (SELECT COALESCE(SUM(amount), 0) FROM topups WHERE user_id = NEW.user_id AND month = NEW.month AND status IN ('pending', 'completed')) > NEW.total_limit
BEGIN
  SELECT RAISE(ABORT, 'MONTHLY_LIMIT');
END;
--> statement-breakpoint

-- A top-up leaves pending exactly once, for completed or failed. Every settle batch
-- starts with its status update, so a second settlement (a late provider answer racing
-- the reconciler) aborts whole and can never refund twice or refund a completed one.
CREATE TRIGGER topups_settle_once BEFORE UPDATE OF status ON topups
WHEN OLD.status <> 'pending' OR NEW.status NOT IN ('completed', 'failed')
BEGIN
  SELECT RAISE(ABORT, 'ALREADY_SETTLED');
END;
--> statement-breakpoint

-- The ledger is append-only: corrections are new transactions (a refund), never edits.
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY');
END;
