CREATE TABLE "agreement_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"address" text NOT NULL,
	"national_id_enc" text NOT NULL,
	"national_id_hash" text NOT NULL,
	"national_id_masked" text NOT NULL,
	"accepted" boolean[] DEFAULT '{false,false,false,false,false,false}'::boolean[] NOT NULL,
	"signed_on" date,
	"expires_on" date,
	"policy_version_id" uuid NOT NULL,
	"signed_scan_attachment_id" uuid,
	"signed_scan_sha256" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"text_version" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"work" text NOT NULL,
	"user_id" uuid,
	"is_subcontractor" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"party_a_name" text NOT NULL,
	"party_a_representative" text,
	"party_a_agent" text,
	"party_a_address" text,
	"party_b_name" text NOT NULL,
	"party_b_representative" text,
	"party_b_agent" text,
	"party_b_address" text,
	"purpose" text NOT NULL,
	"signed_on" date,
	"term_years" integer NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"ends_on" date,
	"termination_notice_on" date,
	"termination_effective_on" date,
	"penalty_ten_thousand_ntd" integer,
	"court" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"generated_at" timestamp with time zone,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"party_a_copy_attachment_id" uuid,
	"party_a_copy_sha256" text,
	"party_b_copy_attachment_id" uuid,
	"party_b_copy_sha256" text,
	"return_confirmed_on" date,
	"return_confirmed_by" text,
	"return_note" text,
	"email_retention_months" integer NOT NULL,
	"email_retention_acknowledged_at" timestamp with time zone,
	"email_retention_acknowledged_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_commitments" ADD CONSTRAINT "agreement_commitments_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_commitments" ADD CONSTRAINT "agreement_commitments_staff_id_agreement_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."agreement_staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_commitments" ADD CONSTRAINT "agreement_commitments_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_commitments" ADD CONSTRAINT "agreement_commitments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_commitments" ADD CONSTRAINT "agreement_commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_staff" ADD CONSTRAINT "agreement_staff_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_staff" ADD CONSTRAINT "agreement_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_email_retention_acknowledged_by_users_id_fk" FOREIGN KEY ("email_retention_acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_commitments_staff_uq" ON "agreement_commitments" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_commitments_person_uq" ON "agreement_commitments" USING btree ("agreement_id","national_id_hash");--> statement-breakpoint
CREATE INDEX "agreement_commitments_expires_idx" ON "agreement_commitments" USING btree ("expires_on");--> statement-breakpoint
CREATE INDEX "agreement_staff_agreement_idx" ON "agreement_staff" USING btree ("agreement_id","position");--> statement-breakpoint
CREATE INDEX "agreement_staff_user_idx" ON "agreement_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "agreements_contract_idx" ON "agreements" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "agreements_org_idx" ON "agreements" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "agreements_ends_on_idx" ON "agreements" USING btree ("ends_on");