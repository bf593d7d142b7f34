-- Named groups (ADR 026): a conversation's title, a participant's admin flag, and conversation changes in the change log.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "title" TEXT;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "admin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ChatEvent" ADD COLUMN     "detail" TEXT,
ADD COLUMN     "removedUserId" INTEGER,
ALTER COLUMN "messageSeq" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ChatEvent_removedUserId_idx" ON "ChatEvent"("removedUserId");
