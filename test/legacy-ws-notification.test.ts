import { describe, expect } from 'vitest';
import { test } from './support/fixtures.js';
import { dmName } from './support/legacy.js';

describe('ws/notification/', () => {
  test('starts with the unread count over all conversations, then notifications; client frames are ignored', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const carol = await make.legacyUser('carol');
    const a = await sockets.joined(dmName(alice, bob), alice.access);
    const c = await sockets.joined(`${alice.id}_${bob.id}_${carol.id}`, carol.access);
    a.send({ type: 'chat_message', message: 'one' });
    await a.next('chat_message_echo');
    c.send({ type: 'chat_message', message: 'two' });
    await c.next('chat_message_echo');

    const n = await sockets.open(`/ws/notification?token=${bob.access}`);
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

  test('misses nothing sent while it connects', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const a = await sockets.joined(dmName(alice, bob), alice.access);
    const opening = sockets.notifications(bob.access);
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
