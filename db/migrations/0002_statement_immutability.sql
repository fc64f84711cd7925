-- An issued rent statement is a document that was handed to a tenant: nothing may change it, by any
-- route or by direct SQL from the application's role. Only the "needs revision" marker (a late receipt
-- changed the turnover since) may be set on it; a correction is a new revision row.
CREATE OR REPLACE FUNCTION rent_statements_guard_issued() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'issued' THEN
      RAISE EXCEPTION 'issued rent statement % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'issued' THEN
    IF (to_jsonb(NEW) - 'needs_revision') IS DISTINCT FROM (to_jsonb(OLD) - 'needs_revision') THEN
      RAISE EXCEPTION 'issued rent statement % cannot be changed; make a new revision', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rent_statements_guard_issued ON rent_statements;
--> statement-breakpoint
CREATE TRIGGER rent_statements_guard_issued
  BEFORE UPDATE OR DELETE ON rent_statements
  FOR EACH ROW EXECUTE FUNCTION rent_statements_guard_issued();
