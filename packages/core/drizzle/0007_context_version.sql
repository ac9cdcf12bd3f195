-- What a request's context is built from (the tenant's enabled plugins, the user, their roles and
-- teams, the custom fields) changes rarely; `context_version` moves in the same transaction as any such
-- change, so that a process may keep the context it loaded and only read this number to know whether it
-- still holds. Read through `comptoir_context_version()`, which gives the current tenant's only.
ALTER TABLE "core_tenant" ADD COLUMN "context_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION comptoir_context_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE core_tenant SET context_version = context_version + 1
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION comptoir_context_version() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT context_version FROM core_tenant WHERE id = nullif(current_setting('app.tenant_id', true), '')::uuid
$$;--> statement-breakpoint
CREATE TRIGGER core_tenant_plugin_context AFTER INSERT OR DELETE OR UPDATE ON core_tenant_plugin
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();--> statement-breakpoint
CREATE TRIGGER core_user_context AFTER INSERT OR DELETE OR UPDATE OF email, name, locale, is_admin, status ON core_user
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();--> statement-breakpoint
CREATE TRIGGER core_role_context AFTER INSERT OR DELETE OR UPDATE ON core_role
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();--> statement-breakpoint
CREATE TRIGGER core_user_role_context AFTER INSERT OR DELETE OR UPDATE ON core_user_role
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();--> statement-breakpoint
CREATE TRIGGER core_team_member_context AFTER INSERT OR DELETE OR UPDATE ON core_team_member
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();--> statement-breakpoint
CREATE TRIGGER core_custom_field_context AFTER INSERT OR DELETE OR UPDATE ON core_custom_field
  FOR EACH ROW EXECUTE FUNCTION comptoir_context_changed();
