-- Named groups (ADR 026): a conversation's title, a participant's admin flag, and conversation changes in the change log.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "title" TEXT;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN "admin" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTables: ChatEvent.messageSeq becomes optional, with the detail of a membership change
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChatEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "messageSeq" INTEGER,
    "detail" TEXT,
    "removedUserId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChatEvent_messageSeq_fkey" FOREIGN KEY ("messageSeq") REFERENCES "Message" ("seq") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChatEvent" ("seq", "conversationId", "kind", "messageSeq", "createdAt") SELECT "seq", "conversationId", "kind", "messageSeq", "createdAt" FROM "ChatEvent";
-- the log's counter goes on where it was (a cursor handed out is never reused)
DELETE FROM "sqlite_sequence" WHERE "name" = 'new_ChatEvent';
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_ChatEvent', "seq" FROM "sqlite_sequence" WHERE "name" = 'ChatEvent';
DROP TABLE "ChatEvent";
ALTER TABLE "new_ChatEvent" RENAME TO "ChatEvent";
CREATE INDEX "ChatEvent_conversationId_seq_idx" ON "ChatEvent"("conversationId", "seq");
CREATE INDEX "ChatEvent_removedUserId_idx" ON "ChatEvent"("removedUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
