DROP INDEX "comments_author_idx";--> statement-breakpoint
DROP INDEX "ideas_challenge_hot_idx";--> statement-breakpoint
DROP INDEX "ideas_challenge_new_idx";--> statement-breakpoint
DROP INDEX "ideas_challenge_supports_idx";--> statement-breakpoint
DROP INDEX "ideas_challenge_comments_idx";--> statement-breakpoint
DROP INDEX "ideas_author_idx";--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ideas_challenge_hot_idx" ON "ideas" USING btree ("challenge_id","hot_score" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ideas_challenge_new_idx" ON "ideas" USING btree ("challenge_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ideas_challenge_supports_idx" ON "ideas" USING btree ("challenge_id","support_count" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ideas_challenge_comments_idx" ON "ideas" USING btree ("challenge_id","comment_count" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ideas_author_idx" ON "ideas" USING btree ("author_id","created_at" DESC NULLS FIRST);