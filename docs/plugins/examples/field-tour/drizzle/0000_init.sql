CREATE TABLE "field_tour_sample" (
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
	"label" text NOT NULL,
	"code" text,
	"description" text,
	"email" text,
	"phone" text,
	"website" text,
	"quantity" integer,
	"weight" numeric(18, 3),
	"unit_price" numeric(18, 2),
	"discount" numeric(5, 2),
	"total" numeric(18, 2) GENERATED ALWAYS AS (quantity * unit_price * (100 - coalesce(discount, 0)) / 100) STORED,
	"starts_on" date,
	"remind_at" timestamp with time zone,
	"active" boolean DEFAULT false NOT NULL,
	"kind" text,
	"tags" text[],
	"parent_sample_id" uuid,
	"about_entity" text,
	"about_id" uuid,
	"address_street" text,
	"address_postal_code" text,
	"address_city" text,
	"address_region" text,
	"address_country" text,
	"manager_id" uuid,
	"attachment_id" uuid,
	CONSTRAINT "field_tour_sample_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "field_tour_sample" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "field_tour_sample" ADD CONSTRAINT "field_tour_sample_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tour_sample" ADD CONSTRAINT "field_tour_sample_parent_sample_id_fk" FOREIGN KEY ("tenant_id","parent_sample_id") REFERENCES "public"."field_tour_sample"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tour_sample" ADD CONSTRAINT "field_tour_sample_manager_id_fk" FOREIGN KEY ("tenant_id","manager_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tour_sample" ADD CONSTRAINT "field_tour_sample_attachment_id_fk" FOREIGN KEY ("tenant_id","attachment_id") REFERENCES "public"."core_file"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_tour_sample_created_idx" ON "field_tour_sample" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_owner_idx" ON "field_tour_sample" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_trash_idx" ON "field_tour_sample" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_search_idx" ON "field_tour_sample" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("label", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_list_idx" ON "field_tour_sample" USING btree ("tenant_id","label","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "field_tour_sample_code_uq" ON "field_tour_sample" USING btree ("tenant_id","code") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_parent_sample_id_idx" ON "field_tour_sample" USING btree ("tenant_id","parent_sample_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_about_entity_idx" ON "field_tour_sample" USING btree ("tenant_id","about_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_manager_id_idx" ON "field_tour_sample" USING btree ("tenant_id","manager_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_tour_sample_attachment_id_idx" ON "field_tour_sample" USING btree ("tenant_id","attachment_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "field_tour_sample" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);