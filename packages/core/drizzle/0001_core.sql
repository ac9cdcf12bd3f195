CREATE TABLE "core_api_token" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "core_api_token_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_api_token" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_audit" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"event" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	CONSTRAINT "core_audit_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_audit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_custom_field" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_custom_field_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_custom_field" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_file" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "core_file_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_file" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_history" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" jsonb,
	CONSTRAINT "core_history_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_job" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "core_job_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_job" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_link" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_entity" text NOT NULL,
	"from_id" uuid NOT NULL,
	"to_entity" text NOT NULL,
	"to_id" uuid NOT NULL,
	"role" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"trash_batch_id" uuid,
	CONSTRAINT "core_link_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_link" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_login_attempt" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core_notification" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "core_notification_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "core_outbox_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_password_reset" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "core_password_reset_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_password_reset" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_plan" (
	"id" text PRIMARY KEY NOT NULL,
	"plugins" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_role" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"template" text,
	"grants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_role_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_role" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_saved_view" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_saved_view_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_saved_view" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_search_config" (
	"entity" text PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	"expr" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_sequence" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"period" text DEFAULT '' NOT NULL,
	"next" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "core_sequence_pkey" PRIMARY KEY("tenant_id","key","period")
);
--> statement-breakpoint
ALTER TABLE "core_sequence" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_session" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "core_session_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_session" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_setting" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	CONSTRAINT "core_setting_pkey" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "core_setting" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_team" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_team_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_team" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_team_member" (
	"tenant_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "core_team_member_pkey" PRIMARY KEY("tenant_id","team_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "core_team_member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_tenant" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"plan" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_tenant_slug_uq" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "core_tenant_plugin" (
	"tenant_id" uuid NOT NULL,
	"plugin_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_tenant_plugin_pkey" PRIMARY KEY("tenant_id","plugin_id")
);
--> statement-breakpoint
ALTER TABLE "core_tenant_plugin" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_trash_entry" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"title" text NOT NULL,
	"root" boolean NOT NULL,
	"owner_id" uuid,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_by" uuid,
	CONSTRAINT "core_trash_entry_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_trash_entry" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_user" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "core_user_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "core_user" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "core_user_role" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "core_user_role_pkey" PRIMARY KEY("tenant_id","user_id","role_id")
);
--> statement-breakpoint
ALTER TABLE "core_user_role" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "core_api_token" ADD CONSTRAINT "core_api_token_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_password_reset" ADD CONSTRAINT "core_password_reset_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_session" ADD CONSTRAINT "core_session_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_team_member" ADD CONSTRAINT "core_team_member_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."core_team"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_team_member" ADD CONSTRAINT "core_team_member_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_user_role" ADD CONSTRAINT "core_user_role_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."core_user"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_user_role" ADD CONSTRAINT "core_user_role_role_fk" FOREIGN KEY ("tenant_id","role_id") REFERENCES "public"."core_role"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_api_token_lookup_idx" ON "core_api_token" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "core_audit_at_idx" ON "core_audit" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "core_custom_field_uq" ON "core_custom_field" USING btree ("tenant_id","entity","name");--> statement-breakpoint
CREATE INDEX "core_history_record_idx" ON "core_history" USING btree ("tenant_id","record_id","at");--> statement-breakpoint
CREATE INDEX "core_job_ready_idx" ON "core_job" USING btree ("run_at") WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "core_job_tenant_idx" ON "core_job" USING btree ("tenant_id","queue","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "core_link_uq" ON "core_link" USING btree ("tenant_id","kind","from_id","to_id");--> statement-breakpoint
CREATE INDEX "core_link_to_idx" ON "core_link" USING btree ("tenant_id","to_id");--> statement-breakpoint
CREATE INDEX "core_notification_user_idx" ON "core_notification" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "core_outbox_pending_idx" ON "core_outbox" USING btree ("next_attempt_at") WHERE delivered_at IS NULL;--> statement-breakpoint
CREATE INDEX "core_password_reset_lookup_idx" ON "core_password_reset" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_role_name_uq" ON "core_role" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "core_saved_view_idx" ON "core_saved_view" USING btree ("tenant_id","entity");--> statement-breakpoint
CREATE INDEX "core_session_lookup_idx" ON "core_session" USING btree ("id");--> statement-breakpoint
CREATE INDEX "core_session_user_idx" ON "core_session" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_team_name_uq" ON "core_team" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "core_team_member_user_idx" ON "core_team_member" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "core_trash_entry_at_idx" ON "core_trash_entry" USING btree ("tenant_id","deleted_at","id");--> statement-breakpoint
CREATE INDEX "core_trash_entry_batch_idx" ON "core_trash_entry" USING btree ("tenant_id","batch_id");--> statement-breakpoint
CREATE INDEX "core_trash_entry_record_idx" ON "core_trash_entry" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE INDEX "core_trash_entry_search_idx" ON "core_trash_entry" USING gin ("tenant_id",(comptoir_unaccent(lower(title))) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "core_user_email_uq" ON "core_user" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "core_user_email_idx" ON "core_user" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "core_user_role_role_idx" ON "core_user_role" USING btree ("tenant_id","role_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_api_token" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_audit" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_custom_field" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_file" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_history" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_job" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_link" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_notification" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_outbox" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_password_reset" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_role" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_saved_view" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_sequence" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_session" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_setting" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_team" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_team_member" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_tenant_plugin" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_trash_entry" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_user" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "core_user_role" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);