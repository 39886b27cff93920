-- Trigram indexes for the registry searches (issue 12). pg_trgm ships with PostgreSQL's
-- contrib and with PGlite (loaded by the client in db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- array_to_string is only STABLE (element output may depend on settings); for text[] it is
-- not, so this wrapper may be IMMUTABLE and indexed. Searches over URLs and IP addresses use it.
CREATE OR REPLACE FUNCTION custodian_join_text(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_string($1, ' ') $$;
