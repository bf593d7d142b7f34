-- Message search (ADR 022): a trigram full-text index over Message.content, kept by triggers.
-- Prisma does not model FTS5 tables; this one only indexes rows of "Message" (external content).
CREATE VIRTUAL TABLE "MessageSearch" USING fts5("content", content='Message', content_rowid='seq', tokenize='trigram');

INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');

CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "MessageSearch"("rowid", "content") VALUES (new."seq", new."content");
END;

CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "content") VALUES ('delete', old."seq", old."content");
END;

CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "content" ON "Message" BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "content") VALUES ('delete', old."seq", old."content");
  INSERT INTO "MessageSearch"("rowid", "content") VALUES (new."seq", new."content");
END;
