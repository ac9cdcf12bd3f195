CREATE TABLE "contacts_contact" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"trash_batch_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"salutation" text,
	"first_name" text,
	"last_name" text NOT NULL,
	"number" text,
	"account_id" uuid,
	"title" text,
	"department" text,
	"reports_to_id" uuid,
	"assistant" text,
	"assistant_phone" text,
	"lead_source" text,
	"office_phone" text,
	"mobile" text,
	"home_phone" text,
	"other_phone" text,
	"fax" text,
	"email" text,
	"secondary_email" text,
	"linkedin" text,
	"do_not_call" boolean DEFAULT false NOT NULL,
	"email_opt_out" boolean DEFAULT false NOT NULL,
	"birthdate" date,
	"mailing_address_street" text,
	"mailing_address_postal_code" text,
	"mailing_address_city" text,
	"mailing_address_region" text,
	"mailing_address_country" text,
	"other_address_street" text,
	"other_address_postal_code" text,
	"other_address_city" text,
	"other_address_region" text,
	"other_address_country" text,
	"lawful_basis" text,
	"consent_date" date,
	"consent_source" text,
	"description" text,
	CONSTRAINT "contacts_contact_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "contacts_contact" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contacts_contact" ADD CONSTRAINT "contacts_contact_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts_contact" ADD CONSTRAINT "contacts_contact_account_id_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."accounts_account"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts_contact" ADD CONSTRAINT "contacts_contact_reports_to_id_fk" FOREIGN KEY ("tenant_id","reports_to_id") REFERENCES "public"."contacts_contact"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_contact_created_idx" ON "contacts_contact" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_owner_idx" ON "contacts_contact" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_trash_idx" ON "contacts_contact" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_search_idx" ON "contacts_contact" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("number", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_list_idx" ON "contacts_contact" USING btree ("tenant_id","last_name","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_contact_number_uq" ON "contacts_contact" USING btree ("tenant_id","number") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_account_id_idx" ON "contacts_contact" USING btree ("tenant_id","account_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_reports_to_id_idx" ON "contacts_contact" USING btree ("tenant_id","reports_to_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_contact_email_idx" ON "contacts_contact" USING btree ("tenant_id","email","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "contacts_contact" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);