-- The audit log is append-only: the database itself refuses to change or remove a record,
-- whatever the application (or a mistake in it) asks for.
CREATE FUNCTION moderation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_actions is append-only: audit records cannot be changed or removed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER moderation_actions_no_update_delete
  BEFORE UPDATE OR DELETE ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION moderation_actions_append_only();
--> statement-breakpoint
CREATE TRIGGER moderation_actions_no_truncate
  BEFORE TRUNCATE ON moderation_actions
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_actions_append_only();
