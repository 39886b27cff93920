-- Organisation codes become unique regardless of case (issue 8): `ntnu` and `NTNU` are one
-- code. Codes that already differ only in case cannot both stay, and renaming one silently
-- would break whatever refers to it (imports, other systems), so the upgrade stops here and
-- names every clash; rename one of each (UPDATE organisations SET code = … WHERE id = …)
-- and start again. The migration runs in one transaction: nothing has changed when it stops.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(codes, '; ' ORDER BY codes COLLATE "C") INTO clashes FROM (
    SELECT string_agg(code, ', ' ORDER BY code COLLATE "C") AS codes
    FROM organisations GROUP BY lower(code) HAVING count(*) > 1
  ) AS groups;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION '機構代碼僅大小寫不同，升級前請先更名 / Organisation codes differ only in case; rename them before upgrading: %', clashes;
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_code_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_code_uq" ON "organisations" USING btree (lower("code"));
