import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendText, startConversation } from './support/chat.js';
import { healthBecomes, startCluster, type Cluster } from './support/cluster.js';
import { gqlOk, registerUser } from './support/graphql.js';
import { FrameSocket, dmName, legacyUser } from './support/legacy.js';
import type { NodeProcess } from './support/node-process.js';

// Two nodes (processes) on one PostgreSQL and Redis, each through a Redis proxy the test can cut: a
// session ended on one node closes its sockets on the other; legacy sockets are not left with a silent
// gap after a Redis outage (chat sockets get what they missed from the database, in order, once;
// notification sockets are closed with 1012 so old clients reconnect and reload their count).
let cluster: Cluster;
let a: NodeProcess;
let b: NodeProcess;
beforeAll(async () => {
  cluster = await startCluster({ presenceTtlSeconds: 2 });
  [a, b] = await Promise.all([cluster.start('node-a'), cluster.start('node-b')]);
}, 120_000);
afterAll(async () => {
  await cluster?.close();
}, 60_000);

const sockets: FrameSocket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});

describe('sessions across nodes', () => {
  it('a logout on node A closes the session\'s legacy sockets on node B within a second', async () => {
    const alice = await registerUser(a, 'xa');
    const bob = await registerUser(a, 'xb');
    const { name } = await startConversation(a, alice, [bob]);
    const onB = await FrameSocket.joined(b, name, alice.access);
    sockets.push(onB);
    const started = Date.now();
    await gqlOk(a, `mutation { logout }`, {}, alice.access);
    expect((await onB.next(undefined, 2000)).text).toBe('{"msg":"You are not authenticated user"}');
    expect((await onB.closed).code).toBe(4001);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('legacy sockets after a Redis outage', () => {
  it('chat sockets get what they missed in order, once; notification sockets are closed with 1012', async () => {
    const alice = await legacyUser(a, 'ra');
    const bob = await legacyUser(b, 'rb');
    const room = dmName(alice, bob);
    const bobChat = await FrameSocket.joined(b, room, bob.access);
    const bobNotes = await FrameSocket.notifications(b, bob.access);
    sockets.push(bobChat, bobNotes);
    await bobNotes.next('unread_count');
    const aliceUser = { id: String(alice.id), username: alice.username, access: alice.access, refresh: alice.refresh };
    const before = await sendText(a, aliceUser, room, 'before');
    expect((await bobChat.until('chat_message_echo')).data.message).toMatchObject({ id: before.id });

    cluster.proxy('node-a').cut();
    cluster.proxy('node-b').cut();
    await healthBecomes(b, 503);
    const during = [];
    for (let i = 0; i < 3; i += 1) during.push(await sendText(a, aliceUser, room, `during ${i}`));
    cluster.proxy('node-a').restore();
    cluster.proxy('node-b').restore();
    await healthBecomes(a, 200);
    await healthBecomes(b, 200);

    // nothing else is sent: what node B's chat socket missed comes from the database
    const got: string[] = [];
    while (got.length < during.length) {
      const echo = await bobChat.until('chat_message_echo', 8000);
      got.push((echo.data.message as { id: string }).id);
    }
    expect(got).toEqual(during.map((m) => m.id));
    expect(await bobChat.quiet(500)).toBe(true);
    // the notification socket cannot know what it missed: it is closed so the client reconnects
    const closed = await Promise.race([bobNotes.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 8000))]);
    expect(closed?.code).toBe(1012);
    const again = await FrameSocket.notifications(b, bob.access);
    sockets.push(again);
    expect((await again.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 4 });
  }, 60_000);
});
