import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signToken, signingKey } from '../../src/auth/tokens.js';
import { migrateSqlite } from '../../src/db/migrate.js';
import { canonicalName, participantKey } from '../../src/modules/conversations/room-name.js';
import { FLOOR_SCHEMA, applyPragmas } from '../floor/schema.mjs';
import { BENCH_JWT_SECRET, makeDataDir, startServer, type ServerHandle, type ServerOptions } from './servers.js';

/** argon2id of "benchpass1": seeded users can also log in, though the bench mints their tokens directly. */
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$mFfTJDe+5ayInTr5SngiVw$U7nRt8p0CrFTCihfPBauK3IVvsUTwQ1JiX0SNmWbODM';

export interface SeedUser {
  id: number;
  username: string;
  token: string;
}

export interface SeedConversation {
  id: string;
  /** our canonical name (what GraphQL and the legacy routes take) */
  name: string;
  members: SeedUser[];
}

export interface Seeded {
  users: SeedUser[];
  conversations: SeedConversation[];
}

export interface SeedPlan {
  users: number;
  /** member indexes (0-based into users) per conversation */
  conversations: number[][];
  /** this many messages in conversations[0] (history scenario) */
  historyMessages?: number;
}

const tokenSettings = { secret: signingKey(BENCH_JWT_SECRET), accessTtlSeconds: 24 * 3600, refreshTtlSeconds: 24 * 3600 };

/** Builds the plan's users/conversations in memory: ids are 1..n, names as our server names them. */
export function plan(p: SeedPlan): Seeded {
  const users: SeedUser[] = Array.from({ length: p.users }, (_, i) => ({
    id: i + 1,
    username: `u${i + 1}`,
    token: signToken(tokenSettings, 'access', i + 1),
  }));
  const conversations = p.conversations.map((idx) => {
    const members = idx.map((i) => users[i]!).sort((a, b) => a.id - b.id);
    return { id: randomUUID(), name: canonicalName(members), members };
  });
  return { users, conversations };
}

/**
 * Our database, written directly (register is argon2-bound: ~20 ms a user): apply our migrations
 * (src/db/migrate.ts), then insert rows exactly as the services would (DateTime as unix ms, the
 * client's timestampFormat).
 */
/**
 * Seeded messages into the search index, as a restored database would have them: since ADR 027 a
 * message is indexed after its transaction (by the server), so rows inserted here are not, and a
 * server started on them would index them all first.
 */
export function indexSeededMessages(db: Database.Database): void {
  db.prepare(`INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild')`).run();
  db.prepare(`UPDATE "MessageSearchIndexed" SET "upTo" = (SELECT COALESCE(MAX("seq"), 0) FROM "Message")`).run();
}

export function seedOurs(dataDir: string, p: SeedPlan, seeded: Seeded = plan(p)): Seeded {
  const file = join(dataDir, 'chat.db');
  migrateSqlite(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const t0 = Date.now();
  const addUser = db.prepare('INSERT INTO "User" (id, username, passwordHash, isActive, createdAt) VALUES (?, ?, ?, 1, ?)');
  const addConv = db.prepare(
    'INSERT INTO "Conversation" (id, participantKey, name, createdAt, lastMessageSeq, lastActivityAt) VALUES (?, ?, ?, ?, NULL, ?)',
  );
  const addPart = db.prepare('INSERT INTO "Participant" (conversationId, userId, lastReadSeq, unreadCount, joinedAt) VALUES (?, ?, 0, 0, ?)');
  db.transaction(() => {
    for (const u of seeded.users) addUser.run(u.id, u.username, PASSWORD_HASH, t0);
    for (const c of seeded.conversations) {
      addConv.run(c.id, participantKey(c.members.map((m) => m.id)), c.name, t0, t0);
      for (const m of c.members) addPart.run(c.id, m.id, t0);
    }
  })();
  const history = seeded.conversations[0];
  if (p.historyMessages && history) {
    const addMsg = db.prepare('INSERT INTO "Message" (id, conversationId, senderId, content, createdAt) VALUES (?, ?, ?, ?, ?)');
    const senders = history.members;
    const n = p.historyMessages;
    db.transaction(() => {
      for (let i = 0; i < n; i++) addMsg.run(randomUUID(), history.id, senders[i % senders.length]!.id, historyContent(i), t0 - n + i);
    })();
    // everyone has read everything: the conversation's counters as the services would leave them
    db.prepare('UPDATE "Conversation" SET lastMessageSeq = (SELECT max(seq) FROM "Message"), lastActivityAt = ? WHERE id = ?').run(t0, history.id);
    // counters the services maintain with each send, where the schema has them
    const columns = new Set((db.prepare('PRAGMA table_info("Conversation")').all() as { name: string }[]).map((c) => c.name));
    if (columns.has('messageCount')) db.prepare('UPDATE "Conversation" SET messageCount = ? WHERE id = ?').run(n, history.id);
    db.prepare('UPDATE "Participant" SET lastReadSeq = (SELECT max(seq) FROM "Message") WHERE conversationId = ?').run(history.id);
    indexSeededMessages(db);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return seeded;
}

/** The floor's database: its schema, and the history messages under the same conversation ids. */
export function seedFloor(dataDir: string, seeded: Seeded, historyMessages = 0): void {
  const db = new Database(join(dataDir, 'floor.db'));
  applyPragmas(db);
  db.exec(FLOOR_SCHEMA);
  const history = seeded.conversations[0];
  if (historyMessages && history) {
    db.pragma('synchronous = OFF');
    const addMsg = db.prepare('INSERT INTO messages (id, conversation, sender, content, created_at) VALUES (?, ?, ?, ?, ?)');
    const senders = history.members;
    const t0 = Date.now();
    db.transaction(() => {
      for (let i = 0; i < historyMessages; i++) addMsg.run(randomUUID(), history.id, senders[i % senders.length]!.id, historyContent(i), t0 - historyMessages + i);
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function historyContent(i: number): string {
  return `history message ${i}: the quick brown fox jumps over the lazy dog, again and again`;
}

/** n two-person conversations over 2n users: [0,1], [2,3], … */
export function pairs(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [2 * i, 2 * i + 1]);
}

/** Our server on a fresh data directory seeded with `layout` (users, conversations, their tokens). */
export async function startOurs(layout: SeedPlan, seeded: Seeded, options: ServerOptions, scenario: string): Promise<ServerHandle> {
  const dir = makeDataDir('ours');
  seedOurs(dir, layout, seeded);
  return startServer('ours', dir, options, scenario);
}
