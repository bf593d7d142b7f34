-- Search indexing off the send path (ADR 027): a send no longer writes its trigrams in its own
-- transaction; the server indexes the messages past "MessageSearchIndexed"."upTo" in batches, soon
-- after they are stored, and a search first indexes whatever is still past it.
-- Prisma does not model this table either (like "MessageSearch", ADR 022).

-- Every message with seq <= upTo is in "MessageSearch", with its current content; none after it is.
CREATE TABLE "MessageSearchIndexed" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "upTo" INTEGER NOT NULL
);

-- Until now the insert trigger indexed every message as it was stored.
INSERT INTO "MessageSearchIndexed" ("id", "upTo") SELECT 1, COALESCE(MAX("seq"), 0) FROM "Message";

DROP TRIGGER "Message_search_insert";

-- An external-content FTS5 'delete' must name a row the index holds, with the values it was indexed
-- with: a message past upTo is not in the index yet (the indexer will read its content as it is then).
DROP TRIGGER "Message_search_delete";
CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message"
WHEN old."seq" <= (SELECT "upTo" FROM "MessageSearchIndexed") BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "content") VALUES ('delete', old."seq", old."content");
END;

DROP TRIGGER "Message_search_update";
CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "content" ON "Message"
WHEN old."seq" <= (SELECT "upTo" FROM "MessageSearchIndexed") BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "content") VALUES ('delete', old."seq", old."content");
  INSERT INTO "MessageSearch"("rowid", "content") VALUES (new."seq", new."content");
END;
