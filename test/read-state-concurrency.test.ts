import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationUnreadDocument, MarkReadDocument } from './support/documents.js';
import { gqlOk, registerUser, type TestUser } from './support/graphql.js';
import { TEST_DB, startServer, type TestServer } from './support/server.js';

// Two app instances ("nodes") on one PostgreSQL database: every send and read races the others.
// SQLite is a one-node database (and two better-sqlite3 connections in one process would block each
// other's event loop while busy-waiting), so there both roles are one instance, still concurrent.
let nodeA: TestServer;
let nodeB: TestServer;
beforeAll(async () => {
  nodeA = await startServer();
  nodeB = TEST_DB === 'postgres' ? await startServer({ DATABASE_URL: nodeA.databaseUrl }) : nodeA;
});
afterAll(async () => {
  if (nodeB !== nodeA) await nodeB?.close();
  await nodeA?.close();
});

describe('read state under concurrent writers on two nodes', () => {
  it('keeps every unread count equal to the unread messages after racing sends and reads', async () => {
    const [alice, bob, carol] = [await registerUser(nodeA, 'alice'), await registerUser(nodeA, 'bob'), await registerUser(nodeB, 'carol')];
    const users = [alice, bob, carol] as TestUser[];
    const room = users.map((u) => Number(u.id)).sort((a, b) => a - b).join('_');
    const viewer = (u: TestUser) => ({ id: Number(u.id), username: u.username });
    const messagesOn = (node: TestServer) => node.app.services.messages;
    // The services are called directly so that dozens of writes are in flight at once on each node.
    const latest: string[] = [];
    const send = (node: TestServer, user: TestUser, i: number) =>
      messagesOn(node).send(viewer(user), { conversation: room, content: `${user.username} ${i}` }).then((r) => void latest.push(r.message.id));
    const read = (node: TestServer, user: TestUser, upToLatest: boolean) =>
      messagesOn(node).markRead(viewer(user), { conversation: room, upTo: upToLatest ? (latest.at(-1) ?? null) : null });
    await send(nodeA, alice, 0); // opens the conversation
    const times = (n: number, fn: (i: number) => Promise<unknown>) => Array.from({ length: n }, (_, i) => fn(i));
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        ...times(8, (i) => send(nodeA, alice, i)),
        ...times(8, (i) => send(nodeB, carol, i)),
        ...times(4, (i) => send(nodeB, alice, i)),
        ...times(8, (i) => read(i % 2 ? nodeA : nodeB, bob, (i + round) % 2 === 0)),
        ...times(4, (i) => read(i % 2 ? nodeA : nodeB, alice, true)),
        ...times(4, (i) => read(i % 2 ? nodeA : nodeB, carol, false)),
      ]);
    }

    const db = nodeA.app.database.prisma;
    const conv = await db.conversation.findUniqueOrThrow({ where: { name: room }, include: { participants: true } });
    expect(await db.message.count({ where: { conversationId: conv.id } })).toBe(1 + 4 * 20);
    expect(conv.messageCount).toBe(1 + 4 * 20); // the maintained counter behind legacy page counts
    for (const p of conv.participants) {
      const truth = await db.message.count({ where: { conversationId: conv.id, seq: { gt: p.lastReadSeq }, senderId: { not: p.userId } } });
      expect({ user: p.userId, unread: p.unreadCount }).toEqual({ user: p.userId, unread: truth });
    }
    // What bob sees on either node agrees with the database, and reading everything clears it.
    const bobRow = conv.participants.find((p) => p.userId === Number(bob.id));
    const seen = await gqlOk(nodeB, ConversationUnreadDocument, { name: room }, bob.access);
    expect(seen).toEqual({ conversation: { unreadCount: bobRow?.unreadCount }, unreadCount: bobRow?.unreadCount });
    await gqlOk(nodeA, MarkReadDocument, { conversation: room }, bob.access);
    expect(await gqlOk(nodeB, ConversationUnreadDocument, { name: room }, bob.access)).toEqual({ conversation: { unreadCount: 0 }, unreadCount: 0 });
  }, 60_000);
});
