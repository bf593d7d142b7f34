-- Message lifecycle (ADR 023): edits, deletes (tombstones), replies, reactions, and the durable change log.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "replyToSeq" INTEGER;

-- CreateTable
CREATE TABLE "Reaction" (
    "id" SERIAL NOT NULL,
    "messageSeq" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatEvent" (
    "seq" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "messageSeq" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_messageSeq_userId_emoji_key" ON "Reaction"("messageSeq", "userId", "emoji");

-- CreateIndex
CREATE INDEX "ChatEvent_conversationId_seq_idx" ON "ChatEvent"("conversationId", "seq");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_replyToSeq_fkey" FOREIGN KEY ("replyToSeq") REFERENCES "Message"("seq") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_messageSeq_fkey" FOREIGN KEY ("messageSeq") REFERENCES "Message"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatEvent" ADD CONSTRAINT "ChatEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatEvent" ADD CONSTRAINT "ChatEvent_messageSeq_fkey" FOREIGN KEY ("messageSeq") REFERENCES "Message"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every stored message has its `added` event, in message order
INSERT INTO "ChatEvent" ("conversationId", "kind", "messageSeq", "createdAt")
SELECT "conversationId", 'added', "seq", "createdAt" FROM "Message" ORDER BY "seq";
