import { describe, expect } from 'vitest';
import { ConversationUnreadDocument, UnreadCountDocument } from './support/documents.js';
import { dmName, test } from './support/fixtures.js';
import { gqlOk, type TestUser } from './support/graphql.js';

// Sends and read marks are the messages store's own transactions; creating a conversation (a nested
// Prisma write) is one of Prisma's. On SQLite they share one connection (ADR 013): a send must never
// run inside Prisma's open transaction, nor fail on the database lock, whatever the interleaving.

describe('message writes racing conversation writes', () => {
  test('stores every send and keeps the counts exact while conversations are being created', async ({ server, make }) => {
    const [alice, bob, ...others] = [await make.user('alice'), await make.user('bob'), ...(await Promise.all(Array.from({ length: 12 }, () => make.user('other'))))] as TestUser[];
    const viewer = (u: TestUser) => ({ id: Number(u.id), username: u.username });
    const { messages, conversations } = server.app.services;
    const dm = (await conversations.start(viewer(alice!), { usernames: [bob!.username] })).name;
    const times = <T>(n: number, fn: (i: number) => Promise<T>) => Array.from({ length: n }, (_, i) => fn(i));

    const results = await Promise.allSettled([
      ...times(40, (i) => messages.send(viewer(alice!), { conversation: dm, content: `hello ${i}` })),
      ...others.map((o) => conversations.start(viewer(alice!), { usernames: [o.username] })),
      ...others.map((o) => messages.send(viewer(o), { conversation: [alice!.username, o.username].join('_'), content: 'hi alice' })),
      ...times(6, () => messages.markRead(viewer(bob!), { conversation: dm })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const db = server.app.database.prisma;
    const conv = await db.conversation.findUniqueOrThrow({ where: { name: dm }, include: { participants: true } });
    expect(await db.message.count({ where: { conversationId: conv.id } })).toBe(40);
    expect(conv.messageCount).toBe(40);
    for (const p of conv.participants) {
      const truth = await db.message.count({ where: { conversationId: conv.id, seq: { gt: p.lastReadSeq }, senderId: { not: p.userId } } });
      expect({ user: p.userId, unread: p.unreadCount }).toEqual({ user: p.userId, unread: truth });
    }
    // alice got one message from each of the others, in conversations created during the race
    const seen = await gqlOk(server, UnreadCountDocument, {}, alice!.access);
    expect(seen.unreadCount).toBe(others.length);
    const bobSees = await gqlOk(server, ConversationUnreadDocument, { name: dm }, bob!.access);
    const bobRow = conv.participants.find((p) => p.userId === Number(bob!.id));
    expect(bobSees).toEqual({ conversation: { unreadCount: bobRow?.unreadCount }, unreadCount: bobRow?.unreadCount });
  }, 60_000);

  test('keeps a send out of a Prisma transaction that is open meanwhile (and rolled back)', async ({ server, make }) => {
    const [alice, bob] = [await make.user('alice'), await make.user('bob')];
    const viewer = { id: Number(alice.id), username: alice.username };
    const { messages } = server.app.services;
    const db = server.app.database.prisma;
    const room = dmName(alice, bob);
    await messages.send(viewer, { conversation: room, content: 'opens the room' });
    let sent: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: Number(bob.id) }, data: { username: `${bob.username}-renamed` } });
        sent = messages.send(viewer, { conversation: room, content: 'during the transaction' });
        // the transaction stays open across a turn of the event loop, then fails
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await sent;
    expect((await db.user.findUniqueOrThrow({ where: { id: Number(bob.id) } })).username).toBe(bob.username);
    const stored = await db.message.findMany({ where: { senderId: viewer.id }, orderBy: { seq: 'asc' }, select: { content: true } });
    expect(stored.map((m) => m.content)).toEqual(['opens the room', 'during the transaction']);
  });
});
