CREATE TABLE "idea_reviews" (
	"idea_id" integer PRIMARY KEY NOT NULL,
	"reached_at" timestamp with time zone,
	"support_count_at_ready" integer NOT NULL,
	"threshold" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'upcoming' NOT NULL,
	"challenge_id" integer,
	"sdg_goals" integer[] DEFAULT '{}' NOT NULL,
	"perspectives" text[] DEFAULT '{}' NOT NULL,
	"lead_id" text NOT NULL,
	"results_summary" text,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	CONSTRAINT "notification_preferences_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "project_ideas" (
	"project_id" integer NOT NULL,
	"idea_id" integer NOT NULL,
	"support_count_at_promotion" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_ideas_pk" PRIMARY KEY("project_id","idea_id")
);
--> statement-breakpoint
CREATE TABLE "project_partners" (
	"project_id" integer NOT NULL,
	"partner_id" integer NOT NULL,
	CONSTRAINT "project_partners_pk" PRIMARY KEY("project_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "project_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"author_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"from_status" text,
	"to_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_status" text;--> statement-breakpoint
ALTER TABLE "idea_reviews" ADD CONSTRAINT "idea_reviews_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_projects" ADD CONSTRAINT "lab_projects_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_projects" ADD CONSTRAINT "lab_projects_lead_id_users_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_ideas" ADD CONSTRAINT "project_ideas_project_id_lab_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."lab_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_ideas" ADD CONSTRAINT "project_ideas_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_project_id_lab_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."lab_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_project_id_lab_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."lab_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_reviews_reached_idx" ON "idea_reviews" USING btree ("reached_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "lab_projects_slug_key" ON "lab_projects" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "lab_projects_status_idx" ON "lab_projects" USING btree ("status","status_changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "lab_projects_challenge_idx" ON "lab_projects" USING btree ("challenge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_ideas_idea_key" ON "project_ideas" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "project_updates_project_idx" ON "project_updates" USING btree ("project_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_email_pending_idx" ON "notifications" USING btree ("id") WHERE "notifications"."email_status" = 'pending';