import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { dmName, serverTest } from './support/fixtures.js';
import { TEST_DB, type TestServer } from './support/server.js';

const test = serverTest({ SQLITE_CHECKPOINT_INTERVAL_MS: '50' });

// SQLite's write-ahead log is checkpointed into the database file by a background thread
// (SQLITE_CHECKPOINT_INTERVAL_MS), not inside the commits on the event loop: what is sent reaches
// chat.db itself soon after, with the main connection's own checkpoint pushed out of the way.
describe.skipIf(TEST_DB !== 'sqlite')('SQLite background checkpoints', () => {
  /** Messages in a copy of chat.db alone, without its -wal file: only what checkpoints have written. */
  function messagesInDatabaseFile(server: TestServer): number {
    const dir = mkdtempSync(join(tmpdir(), 'chat-ckpt-'));
    copyFileSync(join(server.dataDir, 'chat.db'), join(dir, 'chat.db'));
    const db = new Database(join(dir, 'chat.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM "Message"').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  test('writes sent messages into the database file without a checkpoint on the main connection', async ({ server, make }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const viewer = { id: Number(alice.id), username: alice.username };
    const room = dmName(alice, bob);
    await Promise.all(Array.from({ length: 200 }, (_, i) => server.app.services.messages.send(viewer, { conversation: room, content: `m${i}` })));
    const deadline = Date.now() + 5000;
    let found = messagesInDatabaseFile(server);
    while (found < 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = messagesInDatabaseFile(server);
    }
    expect(found).toBe(200);
    // the main connection only checkpoints past the backstop (10,000 pages), far beyond this WAL
    if (server.app.database.kind !== 'sqlite') throw new Error('sqlite only');
    expect(server.app.database.sqlite.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint')?.wal_autocheckpoint).toBe(10_000);
  });
});
