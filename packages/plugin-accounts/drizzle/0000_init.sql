CREATE TABLE "accounts_account" (
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
	"name" text NOT NULL,
	"number" text,
	"type" text,
	"industry" text,
	"rating" text,
	"ownership" text,
	"employees" integer,
	"annual_revenue" numeric(18, 2),
	"parent_account_id" uuid,
	"phone" text,
	"other_phone" text,
	"fax" text,
	"email" text,
	"secondary_email" text,
	"website" text,
	"email_opt_out" boolean DEFAULT false NOT NULL,
	"legal_name" text,
	"legal_form" text,
	"siren" text,
	"siret" text,
	"vat_number" text,
	"naf_code" text,
	"share_capital" numeric(18, 2),
	"billing_address_street" text,
	"billing_address_postal_code" text,
	"billing_address_city" text,
	"billing_address_region" text,
	"billing_address_country" text,
	"shipping_address_street" text,
	"shipping_address_postal_code" text,
	"shipping_address_city" text,
	"shipping_address_region" text,
	"shipping_address_country" text,
	"payment_terms" text,
	"description" text,
	CONSTRAINT "accounts_account_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounts_account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounts_account" ADD CONSTRAINT "accounts_account_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_account" ADD CONSTRAINT "accounts_account_parent_account_id_fk" FOREIGN KEY ("tenant_id","parent_account_id") REFERENCES "public"."accounts_account"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_account_created_idx" ON "accounts_account" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_owner_idx" ON "accounts_account" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_trash_idx" ON "accounts_account" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_search_idx" ON "accounts_account" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("name", '') || ' ' || coalesce("legal_name", '') || ' ' || coalesce("number", '') || ' ' || coalesce("siren", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_list_idx" ON "accounts_account" USING btree ("tenant_id","name","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_account_number_uq" ON "accounts_account" USING btree ("tenant_id","number") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_parent_account_id_idx" ON "accounts_account" USING btree ("tenant_id","parent_account_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "accounts_account_siren_idx" ON "accounts_account" USING btree ("tenant_id","siren","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "accounts_account" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);