CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"rules" jsonb NOT NULL,
	"notes" text NOT NULL,
	"allocation_max_years" integer GENERATED ALWAYS AS (((rules -> 'allocations' ->> 'maxYears')::int)) STORED NOT NULL,
	"contacts_interval_months" integer GENERATED ALWAYS AS (((rules -> 'contacts' ->> 'reconfirmIntervalMonths')::int)) STORED NOT NULL,
	"qualification_warning_days" integer GENERATED ALWAYS AS (((rules -> 'vendorQualifications' ->> 'expiryWarningDays')::int)) STORED NOT NULL,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "allocation_renewals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"new_starts_on" date,
	"new_expires_on" date
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"network" "cidr",
	"starts_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"released_at" timestamp with time zone,
	"release_reason" text,
	"policy_version_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_clauses" (
	"contract_id" uuid NOT NULL,
	"clause_code" text NOT NULL,
	"status" text NOT NULL,
	"article_ref" text,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_clauses_contract_id_clause_code_pk" PRIMARY KEY("contract_id","clause_code")
);
--> statement-breakpoint
CREATE TABLE "contract_subcontractors" (
	"contract_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	CONSTRAINT "contract_subcontractors_contract_id_vendor_id_pk" PRIMARY KEY("contract_id","vendor_id")
);
--> statement-breakpoint
CREATE TABLE "contract_systems" (
	"contract_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	CONSTRAINT "contract_systems_contract_id_system_id_pk" PRIMARY KEY("contract_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"division_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"unit_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"amount" bigint,
	"sla_availability" numeric(6, 3),
	"rto_hours" integer,
	"rpo_hours" integer,
	"duty_notice_sent_at" timestamp with time zone,
	"duty_notice_method" text,
	"duty_acknowledged_at" timestamp with time zone,
	"duty_acknowledged_by" uuid,
	"policy_version_id" uuid NOT NULL,
	"compliance_status" text DEFAULT 'non_compliant' NOT NULL,
	"missing_clauses" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"ips" text[] DEFAULT '{}'::text[] NOT NULL,
	"os" text,
	"role" text,
	"location" text DEFAULT 'on_premise' NOT NULL,
	"site" text,
	"notes" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"assessor" text NOT NULL,
	"risks" text[] DEFAULT '{}'::text[] NOT NULL,
	"level" text NOT NULL,
	"mitigation" text,
	"conclusion" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"title" text,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_hosts" (
	"system_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	CONSTRAINT "system_hosts_system_id_host_id_pk" PRIMARY KEY("system_id","host_id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'website' NOT NULL,
	"urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"environment" text DEFAULT 'production' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"launch_date" date,
	"decommission_date" date,
	"protection_level" text DEFAULT 'normal' NOT NULL,
	"handles_personal_data" boolean DEFAULT false NOT NULL,
	"personal_data_categories" text,
	"personal_data_purpose" text,
	"personal_data_legal_basis" text,
	"exit_plan" text,
	"description" text,
	"contacts_confirmed_at" timestamp with time zone,
	"contacts_confirmed_by" uuid,
	"policy_version_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"certificate_number" text,
	"issuer" text,
	"scope" text,
	"issued_on" date,
	"expires_on" date,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"counts" jsonb NOT NULL,
	"error_count" bigint DEFAULT 0 NOT NULL,
	"errors" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_renewals" ADD CONSTRAINT "allocation_renewals_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_renewals" ADD CONSTRAINT "allocation_renewals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_renewals" ADD CONSTRAINT "allocation_renewals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_clauses" ADD CONSTRAINT "contract_clauses_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_clauses" ADD CONSTRAINT "contract_clauses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_subcontractors" ADD CONSTRAINT "contract_subcontractors_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_subcontractors" ADD CONSTRAINT "contract_subcontractors_vendor_id_organisations_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_systems" ADD CONSTRAINT "contract_systems_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_systems" ADD CONSTRAINT "contract_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_division_id_organisations_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_unit_id_organisations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_duty_acknowledged_by_users_id_fk" FOREIGN KEY ("duty_acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosts" ADD CONSTRAINT "hosts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_contacts" ADD CONSTRAINT "system_contacts_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_contacts" ADD CONSTRAINT "system_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_hosts" ADD CONSTRAINT "system_hosts_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_hosts" ADD CONSTRAINT "system_hosts_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_contacts_confirmed_by_users_id_fk" FOREIGN KEY ("contacts_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_qualifications" ADD CONSTRAINT "vendor_qualifications_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_qualifications" ADD CONSTRAINT "vendor_qualifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_renewals_allocation_idx" ON "allocation_renewals" USING btree ("allocation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_renewals_one_pending_uq" ON "allocation_renewals" USING btree ("allocation_id") WHERE "allocation_renewals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "allocations_system_idx" ON "allocations" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "allocations_org_idx" ON "allocations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "allocations_value_idx" ON "allocations" USING btree (lower("value"));--> statement-breakpoint
CREATE INDEX "allocations_list_idx" ON "allocations" USING btree ("status","expires_on","value","id");--> statement-breakpoint
CREATE INDEX "contract_subcontractors_vendor_idx" ON "contract_subcontractors" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "contract_systems_system_idx" ON "contract_systems" USING btree ("system_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number_uq" ON "contracts" USING btree (lower("number"));--> statement-breakpoint
CREATE INDEX "contracts_unit_idx" ON "contracts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "contracts_owner_idx" ON "contracts" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "contracts_division_idx" ON "contracts" USING btree ("division_id");--> statement-breakpoint
CREATE INDEX "contracts_compliance_idx" ON "contracts" USING btree ("compliance_status");--> statement-breakpoint
CREATE INDEX "contracts_list_idx" ON "contracts" USING btree ("period_start" DESC NULLS FIRST,"number");--> statement-breakpoint
CREATE INDEX "hosts_org_idx" ON "hosts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hosts_org_hostname_uq" ON "hosts" USING btree ("org_id",lower("hostname"));--> statement-breakpoint
CREATE INDEX "risk_assessments_contract_idx" ON "risk_assessments" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "system_contacts_system_kind_uq" ON "system_contacts" USING btree ("system_id","kind");--> statement-breakpoint
CREATE INDEX "system_hosts_host_idx" ON "system_hosts" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "systems_org_idx" ON "systems" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "systems_status_idx" ON "systems" USING btree ("status");--> statement-breakpoint
CREATE INDEX "systems_contacts_confirmed_idx" ON "systems" USING btree ("contacts_confirmed_at");--> statement-breakpoint
CREATE INDEX "systems_name_idx" ON "systems" USING btree ("name");--> statement-breakpoint
CREATE INDEX "vendor_qualifications_org_idx" ON "vendor_qualifications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "attachments_org_idx" ON "attachments" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "import_jobs_created_by_idx" ON "import_jobs" USING btree ("created_by");