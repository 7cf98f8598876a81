-- Custom migration: the audit log is append-only (DESIGN.md invariant 8). The database itself
-- refuses to change or remove an entry, whatever code or console issues the statement.
-- Statement-level, so even an UPDATE or DELETE that matches no row is refused, and TRUNCATE
-- (which fires no row triggers) is covered by the same trigger.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'Audit entries can be added, never changed or removed.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
