CREATE TABLE "scan_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"tool" text NOT NULL,
	"rule_id" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"tool_severity" text,
	"cvss_score" real,
	"cvss_vector" text,
	"cves" text[] DEFAULT '{}'::text[] NOT NULL,
	"cwes" text[] DEFAULT '{}'::text[] NOT NULL,
	"hostname" text,
	"ip" text,
	"port" integer,
	"protocol" text,
	"url" text,
	"component" text,
	"host_id" uuid,
	"description" text,
	"solution" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"evidence" text,
	"tool_finding_id" text,
	"first_seen_scan_id" uuid NOT NULL,
	"last_seen_scan_id" uuid NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fixed_in_scan_id" uuid,
	"due_on" date,
	"policy_version_id" uuid,
	"disposition_reason" text,
	"disposition_approver" text,
	"disposition_by" uuid,
	"risk_accepted_until" date,
	"ministry_approved" boolean DEFAULT false NOT NULL,
	"ministry_approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scan_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"file_name" text NOT NULL,
	"file_key" text,
	"file_size" bigint NOT NULL,
	"file_sha256" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"error_reason" text,
	"bytes_parsed" bigint DEFAULT 0 NOT NULL,
	"findings_parsed" integer DEFAULT 0 NOT NULL,
	"scan_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"import_id" uuid,
	"tool" text NOT NULL,
	"tool_version" text,
	"format" text NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"taken_at" timestamp with time zone NOT NULL,
	"scope" text[] DEFAULT '{}'::text[] NOT NULL,
	"uploaded_by" uuid,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"file_size" bigint NOT NULL,
	"file_sha256" text NOT NULL,
	"finding_count" integer DEFAULT 0 NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_first_seen_scan_id_scans_id_fk" FOREIGN KEY ("first_seen_scan_id") REFERENCES "public"."scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_last_seen_scan_id_scans_id_fk" FOREIGN KEY ("last_seen_scan_id") REFERENCES "public"."scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_fixed_in_scan_id_scans_id_fk" FOREIGN KEY ("fixed_in_scan_id") REFERENCES "public"."scans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_disposition_by_users_id_fk" FOREIGN KEY ("disposition_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_ministry_approved_by_users_id_fk" FOREIGN KEY ("ministry_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_imports" ADD CONSTRAINT "scan_imports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_imports" ADD CONSTRAINT "scan_imports_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_imports" ADD CONSTRAINT "scan_imports_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_import_id_scan_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."scan_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scan_findings_system_fingerprint_uq" ON "scan_findings" USING btree ("system_id","fingerprint");--> statement-breakpoint
CREATE INDEX "scan_findings_system_tool_state_idx" ON "scan_findings" USING btree ("system_id","tool","state");--> statement-breakpoint
CREATE INDEX "scan_findings_org_state_severity_idx" ON "scan_findings" USING btree ("org_id","state","severity");--> statement-breakpoint
CREATE INDEX "scan_findings_state_severity_due_idx" ON "scan_findings" USING btree ("state","severity","due_on");--> statement-breakpoint
CREATE INDEX "scan_findings_due_idx" ON "scan_findings" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "scan_findings_tool_idx" ON "scan_findings" USING btree ("tool");--> statement-breakpoint
CREATE INDEX "scan_findings_cves_idx" ON "scan_findings" USING gin ("cves");--> statement-breakpoint
CREATE INDEX "scan_findings_risk_expiry_idx" ON "scan_findings" USING btree ("risk_accepted_until") WHERE "scan_findings"."state" = 'risk_accepted';--> statement-breakpoint
CREATE INDEX "scan_imports_system_idx" ON "scan_imports" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "scan_imports_status_idx" ON "scan_imports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "scans_system_taken_idx" ON "scans" USING btree ("system_id","taken_at");--> statement-breakpoint
CREATE INDEX "scans_org_idx" ON "scans" USING btree ("org_id");