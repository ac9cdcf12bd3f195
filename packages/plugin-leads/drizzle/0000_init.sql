CREATE TABLE "leads_lead" (
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
	"company" text NOT NULL,
	"title" text,
	"lead_source" text,
	"industry" text,
	"status" text NOT NULL,
	"rating" text,
	"annual_revenue" numeric(18, 2),
	"employees" integer,
	"email" text,
	"secondary_email" text,
	"phone" text,
	"mobile" text,
	"fax" text,
	"website" text,
	"email_opt_out" boolean DEFAULT false NOT NULL,
	"do_not_call" boolean DEFAULT false NOT NULL,
	"siren" text,
	"siret" text,
	"address_street" text,
	"address_postal_code" text,
	"address_city" text,
	"address_region" text,
	"address_country" text,
	"converted_at" timestamp with time zone,
	"converted_account_id" uuid,
	"converted_contact_id" uuid,
	"converted_deal_entity" text,
	"converted_deal_id" uuid,
	"description" text,
	CONSTRAINT "leads_lead_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "leads_lead" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads_lead" ADD CONSTRAINT "leads_lead_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads_lead" ADD CONSTRAINT "leads_lead_converted_account_id_fk" FOREIGN KEY ("tenant_id","converted_account_id") REFERENCES "public"."accounts_account"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads_lead" ADD CONSTRAINT "leads_lead_converted_contact_id_fk" FOREIGN KEY ("tenant_id","converted_contact_id") REFERENCES "public"."contacts_contact"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_lead_created_idx" ON "leads_lead" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_owner_idx" ON "leads_lead" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_trash_idx" ON "leads_lead" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_search_idx" ON "leads_lead" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("company", '') || ' ' || coalesce("email", '') || ' ' || coalesce("number", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_lead_number_uq" ON "leads_lead" USING btree ("tenant_id","number") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_status_idx" ON "leads_lead" USING btree ("tenant_id","status","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_email_idx" ON "leads_lead" USING btree ("tenant_id","email","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_converted_account_id_idx" ON "leads_lead" USING btree ("tenant_id","converted_account_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_converted_contact_id_idx" ON "leads_lead" USING btree ("tenant_id","converted_contact_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "leads_lead_converted_deal_entity_idx" ON "leads_lead" USING btree ("tenant_id","converted_deal_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leads_lead" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);