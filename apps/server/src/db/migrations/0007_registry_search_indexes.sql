CREATE TABLE "change_counters" (
	"name" text PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "allocations_value_trgm_idx" ON "allocations" USING gin ("value" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contracts_number_trgm_idx" ON "contracts" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contracts_name_trgm_idx" ON "contracts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "hosts_list_idx" ON "hosts" USING btree ("hostname","id");--> statement-breakpoint
CREATE INDEX "hosts_hostname_trgm_idx" ON "hosts" USING gin ("hostname" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "hosts_ips_trgm_idx" ON "hosts" USING gin (custodian_join_text("ips") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "systems_name_trgm_idx" ON "systems" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "systems_urls_trgm_idx" ON "systems" USING gin (custodian_join_text("urls") gin_trgm_ops);--> statement-breakpoint
INSERT INTO "change_counters" ("name", "n") VALUES ('auth', 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Raises the counter named by the trigger's argument, once per statement.
CREATE OR REPLACE FUNCTION custodian_bump_counter() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE change_counters SET n = n + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END
$$;--> statement-breakpoint
-- What a request's actor is built from (session.service.ts, lib/tenancy.ts). Touching
-- last_seen_at / last_used_at and creating a session leave it alone.
CREATE TRIGGER sessions_auth_counter AFTER UPDATE OF revoked_at, stage, token_hash, expires_at, user_id OR DELETE OR TRUNCATE
  ON sessions FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_counter('auth');--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_counter AFTER UPDATE OF revoked_at, expires_at, scopes, token_hash, user_id OR DELETE OR TRUNCATE
  ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_counter('auth');--> statement-breakpoint
CREATE TRIGGER users_auth_counter AFTER UPDATE OF is_active, role, org_id, email, name, mfa_enabled_at OR DELETE OR TRUNCATE
  ON users FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_counter('auth');--> statement-breakpoint
CREATE TRIGGER user_scopes_auth_counter AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON user_scopes FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_counter('auth');--> statement-breakpoint
CREATE TRIGGER organisations_auth_counter AFTER INSERT OR UPDATE OF parent_id, kind OR DELETE OR TRUNCATE
  ON organisations FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_counter('auth');
--> statement-breakpoint
-- Moving last_seen_at back (never done by the server, which only moves it forward) can make
-- a session idle; the cached copy must not hide that.
CREATE TRIGGER sessions_seen_auth_counter AFTER UPDATE OF last_seen_at ON sessions
  FOR EACH ROW WHEN (NEW.last_seen_at < OLD.last_seen_at) EXECUTE FUNCTION custodian_bump_counter('auth');
