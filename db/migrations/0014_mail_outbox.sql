CREATE TABLE "mail_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"template" text NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"data" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Notification mail still owed when this runs moves to the outbox, so none is lost.
INSERT INTO "mail_outbox" ("to", "template", "locale", "data")
SELECT u."email", 'notification', u."locale", jsonb_build_object('kind', n."kind", 'data', n."data", 'link', n."link")
FROM "notifications" n JOIN "users" u ON u."id" = n."user_id"
WHERE n."email_status" IN ('pending', 'sending') AND u."deleted_at" IS NULL
ORDER BY n."id";--> statement-breakpoint
UPDATE "notifications" SET "email_status" = 'queued' WHERE "email_status" IN ('pending', 'sending');--> statement-breakpoint
DROP INDEX "notifications_email_pending_idx";--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'pending';