/**
 * The floor's data model: close to ours (Message: seq, id, conversation, sender, content, created_at;
 * the same two indexes that serve delivery and history), minus everything the floor does not do
 * (users, participants, unread state, files, client ids).
 */
export const FLOOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  conversation TEXT NOT NULL,
  sender INTEGER NOT NULL,
  content TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_id ON messages(id);
CREATE INDEX IF NOT EXISTS messages_conversation_seq ON messages(conversation, seq);
`;

/** WAL + synchronous=NORMAL, as our SQLite connection runs. */
export function applyPragmas(db) {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}
