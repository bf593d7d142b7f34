-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "messageCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill
UPDATE "Conversation" SET "messageCount" = (SELECT COUNT(*) FROM "Message" WHERE "Message"."conversationId" = "Conversation"."id");
