CREATE TABLE "barrier_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"page" text NOT NULL,
	"description" text NOT NULL,
	"contact_email" text,
	"reporter_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "barrier_reports" ADD CONSTRAINT "barrier_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "barrier_reports_created_idx" ON "barrier_reports" USING btree ("created_at");