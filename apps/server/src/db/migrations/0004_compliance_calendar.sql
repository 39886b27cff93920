CREATE TABLE "calendar_feed_tokens" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "obligation_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" text NOT NULL,
	"item" text NOT NULL,
	"trigger" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_name" text NOT NULL,
	"period_key" text NOT NULL,
	"org_id" uuid NOT NULL,
	"responsible_user_id" uuid,
	"policy_version_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"anchor_on" date NOT NULL,
	"period" text NOT NULL,
	"period_source" text,
	"computed_on" date NOT NULL,
	"due_on" date NOT NULL,
	"shift_to_working_day" boolean NOT NULL,
	"shifted_from" date,
	"shift_note" text,
	"calendar_imported" boolean NOT NULL,
	"reminder_days" jsonb NOT NULL,
	"reminder_window_days" integer NOT NULL,
	"escalation" jsonb,
	"title_key" text NOT NULL,
	"title_params" jsonb NOT NULL,
	"title_text" text NOT NULL,
	"link" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_note" text,
	"done_attachment_id" uuid,
	"done_link" text,
	"waiver_reason" text,
	"waiver_by" uuid,
	"waiver_at" timestamp with time zone,
	"waiver_expires_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligation_snapshots" (
	"day" date NOT NULL,
	"org_id" uuid NOT NULL,
	"overdue" integer NOT NULL,
	"open" integer NOT NULL,
	CONSTRAINT "obligation_snapshots_day_org_id_pk" PRIMARY KEY("day","org_id")
);
--> statement-breakpoint
CREATE TABLE "working_day_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"days" integer NOT NULL,
	"holidays" integer NOT NULL,
	"make_up_workdays" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
CREATE TABLE "working_days" (
	"day" date PRIMARY KEY NOT NULL,
	"is_holiday" boolean NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_instances" ADD CONSTRAINT "obligation_instances_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_instances" ADD CONSTRAINT "obligation_instances_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_instances" ADD CONSTRAINT "obligation_instances_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_instances" ADD CONSTRAINT "obligation_instances_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_instances" ADD CONSTRAINT "obligation_instances_waiver_by_users_id_fk" FOREIGN KEY ("waiver_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_snapshots" ADD CONSTRAINT "obligation_snapshots_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_day_years" ADD CONSTRAINT "working_day_years_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "obligation_instances_key_uq" ON "obligation_instances" USING btree ("rule_id","subject_type","subject_id","period_key");--> statement-breakpoint
CREATE INDEX "obligation_instances_org_due_idx" ON "obligation_instances" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE INDEX "obligation_instances_status_due_idx" ON "obligation_instances" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "obligation_instances_responsible_idx" ON "obligation_instances" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "obligation_instances_subject_idx" ON "obligation_instances" USING btree ("subject_type","subject_id");