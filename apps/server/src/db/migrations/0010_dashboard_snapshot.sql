CREATE TABLE "dashboard_counts" (
	"day" date NOT NULL,
	"card" text NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"value" integer NOT NULL,
	CONSTRAINT "dashboard_counts_key" UNIQUE NULLS NOT DISTINCT("day","org_id","card","owner_user_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_snapshot" (
	"id" integer PRIMARY KEY NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"cards" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_totals" (
	"day" date NOT NULL,
	"card" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "dashboard_totals_day_card_pk" PRIMARY KEY("day","card")
);
--> statement-breakpoint
CREATE INDEX "dashboard_counts_owner_idx" ON "dashboard_counts" USING btree ("owner_user_id","day") WHERE "dashboard_counts"."owner_user_id" is not null;