CREATE TABLE "live_rooms" (
	"room" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "live_events_room_id_idx";--> statement-breakpoint
ALTER TABLE "live_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "live_events" e SET "seq" = n.seq FROM (SELECT "id", row_number() OVER (PARTITION BY "room" ORDER BY "id") AS seq FROM "live_events") n WHERE n."id" = e."id";--> statement-breakpoint
ALTER TABLE "live_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
INSERT INTO "live_rooms" ("room", "seq") SELECT "room", max("seq") FROM "live_events" GROUP BY "room";--> statement-breakpoint
CREATE UNIQUE INDEX "live_events_room_seq_idx" ON "live_events" USING btree ("room","seq");
