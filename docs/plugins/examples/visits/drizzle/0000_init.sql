CREATE TABLE "visits_visit" (
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
	"subject" text NOT NULL,
	"account_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"status" text,
	"report" text,
	CONSTRAINT "visits_visit_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "visits_visit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "visits_visit" ADD CONSTRAINT "visits_visit_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits_visit" ADD CONSTRAINT "visits_visit_account_id_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."accounts_account"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_visit_created_idx" ON "visits_visit" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_owner_idx" ON "visits_visit" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_trash_idx" ON "visits_visit" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_search_idx" ON "visits_visit" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("subject", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_list_idx" ON "visits_visit" USING btree ("tenant_id","scheduled_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_account_id_idx" ON "visits_visit" USING btree ("tenant_id","account_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits_visit_status_idx" ON "visits_visit" USING btree ("tenant_id","status","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "visits_visit" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);