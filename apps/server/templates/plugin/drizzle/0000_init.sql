CREATE TABLE "__table__" (
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
	"status" text,
	"due_date" date,
	"notes" text,
	CONSTRAINT "__table___pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "__table__" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "__table__" ADD CONSTRAINT "__table___owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "__table___created_idx" ON "__table__" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "__table___owner_idx" ON "__table__" USING btree ("tenant_id","owner_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "__table___trash_idx" ON "__table__" USING btree ("tenant_id","trash_batch_id") WHERE trash_batch_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "__table___search_idx" ON "__table__" USING gin ("tenant_id",(comptoir_unaccent(lower(coalesce("name", '')))) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "__table___list_idx" ON "__table__" USING btree ("tenant_id","name","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "__table___status_idx" ON "__table__" USING btree ("tenant_id","status","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "__table___due_date_idx" ON "__table__" USING btree ("tenant_id","due_date","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "__table__" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);