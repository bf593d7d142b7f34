-- Message lifecycle (ADR 023): edits, deletes (tombstones), replies, reactions, and the durable change log.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "replyToSeq" INTEGER REFERENCES "Message" ("seq") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Reaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageSeq" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Reaction_messageSeq_fkey" FOREIGN KEY ("messageSeq") REFERENCES "Message" ("seq") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "messageSeq" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChatEvent_messageSeq_fkey" FOREIGN KEY ("messageSeq") REFERENCES "Message" ("seq") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_messageSeq_userId_emoji_key" ON "Reaction"("messageSeq", "userId", "emoji");

-- CreateIndex
CREATE INDEX "ChatEvent_conversationId_seq_idx" ON "ChatEvent"("conversationId", "seq");

-- Every stored message has its `added` event, in message order
INSERT INTO "ChatEvent" ("conversationId", "kind", "messageSeq", "createdAt")
SELECT "conversationId", 'added', "seq", "createdAt" FROM "Message" ORDER BY "seq";
