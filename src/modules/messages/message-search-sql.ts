import { MESSAGE_COLUMNS, NO_BOUND } from './message-sql.js';
import { ftsString, indexable, likeAnywhere } from './search-terms.js';

/** What a search asks the store for: the viewer's messages (in one conversation, or all) holding every term. */
export interface SearchQuery {
  viewerId: number;
  conversationId: string | null;
  terms: string[];
  /** exclusive seq bound (from a cursor); null: from the newest */
  before: number | null;
  limit: number;
}

export interface Statement {
  sql: string;
  params: (string | number)[];
}

const columns = MESSAGE_COLUMNS.map((c) => `m."${c}"`).join(', ');
/** the viewer's conversations' standing messages (a tombstone has no text to find, and is not found) */
const viewersConversations = `m."deletedAt" IS NULL AND m."conversationId" IN (SELECT "conversationId" FROM "Participant" WHERE "userId" = ?)`;

/**
 * SQLite: terms of three characters or more through the FTS5 trigram index (MessageSearch), walked
 * newest first (the index gives its rowids, the messages' seqs, in descending order, so a page stops
 * early); shorter terms as LIKE on the rows found (or, with no long term, on the viewer's messages
 * newest first). LIKE there folds ASCII letters only.
 */
export function sqliteSearch(q: SearchQuery): Statement {
  const long = q.terms.filter(indexable);
  const short = q.terms.filter((t) => !indexable(t));
  const filters = [viewersConversations, ...(q.conversationId ? ['m."conversationId" = ?'] : []), ...short.map(() => `m."content" LIKE ? ESCAPE '\\'`)];
  const filterParams = [q.viewerId, ...(q.conversationId ? [q.conversationId] : []), ...short.map(likeAnywhere)];
  if (long.length > 0) {
    return {
      sql:
        `SELECT ${columns} FROM "MessageSearch" JOIN "Message" m ON m."seq" = "MessageSearch"."rowid" ` +
        `WHERE "MessageSearch" MATCH ? AND "MessageSearch"."rowid" < ? AND ${filters.join(' AND ')} ` +
        `ORDER BY "MessageSearch"."rowid" DESC LIMIT ?`,
      params: [long.map(ftsString).join(' AND '), q.before ?? NO_BOUND, ...filterParams, q.limit],
    };
  }
  return {
    sql: `SELECT ${columns} FROM "Message" m WHERE m."seq" < ? AND ${filters.join(' AND ')} ORDER BY m."seq" DESC LIMIT ?`,
    params: [q.before ?? NO_BOUND, ...filterParams, q.limit],
  };
}

/**
 * PostgreSQL: every term as ILIKE (case folded as the database's locale does), which the pg_trgm GIN
 * index serves for terms of three characters or more; the planner picks it or a walk down the seq
 * index, whichever the statistics say is cheaper.
 */
export function postgresSearch(q: SearchQuery): Statement {
  const filters = [viewersConversations, ...(q.conversationId ? ['m."conversationId" = ?'] : []), ...q.terms.map(() => `m."content" ILIKE ? ESCAPE '\\'`)];
  return {
    sql: `SELECT ${columns} FROM "Message" m WHERE m."seq" < ? AND ${filters.join(' AND ')} ORDER BY m."seq" DESC LIMIT ?`,
    params: [q.before ?? NO_BOUND, q.viewerId, ...(q.conversationId ? [q.conversationId] : []), ...q.terms.map(likeAnywhere), q.limit],
  };
}
