import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameSocket, dmName, legacyUser } from './support/legacy.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('ws/notification/', () => {
  it('starts with the unread count over all conversations, then notifications; client frames are ignored', async () => {
    const alice = await legacyUser(server, 'alice');
    const bob = await legacyUser(server, 'bob');
    const carol = await legacyUser(server, 'carol');
    const a = await FrameSocket.joined(server, dmName(alice, bob), alice.access);
    const c = await FrameSocket.joined(server, `${alice.id}_${bob.id}_${carol.id}`, carol.access);
    a.send({ type: 'chat_message', message: 'one' });
    await a.next('chat_message_echo');
    c.send({ type: 'chat_message', message: 'two' });
    await c.next('chat_message_echo');

    const n = await FrameSocket.open(`${server.wsUrl}/ws/notification?token=${bob.access}`);
    expect((await n.next()).text).toBe('{"type":"unread_count","unread_count":2}');
    n.send({ type: 'read_messages' });
    n.send('garbage');
    expect(await n.quiet(100)).toBe(true);

    c.send({ type: 'chat_message', message: 'three' });
    const note = await n.next('new_message_notification');
    expect(note.data.name).toBe(carol.username);
    expect(note.data.message).toMatchObject({ content: 'three', from_user: { username: carol.username }, to_user: [alice.username, bob.username] });
    expect((await n.next()).text).toBe('{"type":"unread_count","unread_count":3}');
    for (const s of [a, c, n]) await s.close();
  });

  it('misses nothing sent while it connects', async () => {
    const alice = await legacyUser(server, 'alice');
    const bob = await legacyUser(server, 'bob');
    const a = await FrameSocket.joined(server, dmName(alice, bob), alice.access);
    const opening = FrameSocket.notifications(server, bob.access);
    for (let i = 0; i < 20; i++) a.send({ type: 'chat_message', message: `burst ${i}` });
    const n = await opening;
    for (let i = 0; i < 20; i++) await a.next('chat_message_echo');
    // whatever interleaving: the last unread_count is the true total and every message it counts after the first count was announced
    let last = -1;
    const seen = new Set<string>();
    while (last !== 20) {
      const f = await n.next();
      if (f.data.type === 'unread_count') last = f.data.unread_count as number;
      else seen.add((f.data.message as { content: string }).content);
    }
    expect(await n.quiet(150)).toBe(true);
    expect(last).toBe(20);
    await a.close();
    await n.close();
  });
});
