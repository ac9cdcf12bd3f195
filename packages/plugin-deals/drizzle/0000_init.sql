CREATE TABLE "deals_deal" (
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
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"type" text,
	"lead_source" text,
	"stage_id" uuid NOT NULL,
	"probability" numeric(5, 2),
	"amount" numeric(18, 2),
	"weighted_amount" numeric(18, 2) GENERATED ALWAYS AS (round(coalesce(amount, 0) * coalesce(probability, 0) / 100, 2)) STORED,
	"close_date" date NOT NULL,
	"next_step" text,
	"lost_reason" text,
	"description" text,
	CONSTRAINT "deals_deal_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "deals_deal" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deals_stage" (
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
	"position" integer NOT NULL,
	"probability" numeric(5, 2) NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "deals_stage_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "deals_stage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deals_deal" ADD CONSTRAINT "deals_deal_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals_deal" ADD CONSTRAINT "deals_deal_account_id_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."accounts_account"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals_deal" ADD CONSTRAINT "deals_deal_contact_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts_contact"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals_deal" ADD CONSTRAINT "deals_deal_stage_id_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."deals_stage"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals_stage" ADD CONSTRAINT "deals_stage_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_deal_created_idx" ON "deals_deal" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_owner_idx" ON "deals_deal" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_trash_idx" ON "deals_deal" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_search_idx" ON "deals_deal" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("name", '') || ' ' || coalesce("number", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_list_idx" ON "deals_deal" USING btree ("tenant_id","close_date","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "deals_deal_number_uq" ON "deals_deal" USING btree ("tenant_id","number") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_account_id_idx" ON "deals_deal" USING btree ("tenant_id","account_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_contact_id_idx" ON "deals_deal" USING btree ("tenant_id","contact_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_deal_stage_id_idx" ON "deals_deal" USING btree ("tenant_id","stage_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_stage_created_idx" ON "deals_stage" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_stage_owner_idx" ON "deals_stage" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_stage_trash_idx" ON "deals_stage" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deals_stage_search_idx" ON "deals_stage" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("name", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deals_stage_list_idx" ON "deals_stage" USING btree ("tenant_id","position","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deals_deal" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deals_stage" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);