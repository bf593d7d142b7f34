import { describe, expect } from 'vitest';
import { signToken, signingKey } from '../src/auth/tokens.js';
import { test } from './support/fixtures.js';
import { MESSAGE_KEYS, api, dmName, type LegacyUser } from './support/legacy.js';
import { TEST_JWT_SECRET } from './support/server.js';

const keys = (v: unknown) => Object.keys(v as object);

describe('ws/chat/<name>/ connect sequence', () => {
  test('sends online_user_list, last_50_messages (newest first, has_more), then user_join to the room, keys in order', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const room = dmName(alice, bob);
    const a = await sockets.chat(room, alice.access);
    const online = await a.next('online_user_list');
    expect(online.text).toBe(JSON.stringify({ type: 'online_user_list', users: [alice.username] }));
    const history = await a.next('last_50_messages');
    expect(history.text).toBe('{"type":"last_50_messages","messages":[],"has_more":false}');
    expect((await a.next('user_join')).text).toBe(JSON.stringify({ type: 'user_join', user: alice.username, user_id: alice.id }));

    a.send({ type: 'chat_message', message: 'first' });
    await a.next('chat_message_echo');
    a.send({ type: 'chat_message', message: 'second' });
    await a.next('chat_message_echo');

    // bob, spelling the room the other way round and with the token after another parameter, no trailing slash
    const reversed = [bob.username, alice.username].join('_');
    const b = await sockets.open(`/ws/chat/${reversed}?lang=en&token=${bob.access}`);
    expect((await b.next('online_user_list')).data.users).toEqual([alice.username, bob.username]);
    const last = (await b.next('last_50_messages')).data;
    expect(keys(last)).toEqual(['type', 'messages', 'has_more']);
    const messages = last.messages as Record<string, unknown>[];
    expect(messages.map((m) => m.content)).toEqual(['second', 'first']);
    expect(messages.every((m) => keys(m).join() === MESSAGE_KEYS.join())).toBe(true);
    expect(messages[0]).toMatchObject({ from_user: { username: alice.username }, to_user: [bob.username], files: null, read: false });
    expect(keys(messages[0]?.from_user)).toEqual(['username']);
    expect(messages[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect((await b.next('user_join')).data).toEqual({ type: 'user_join', user: bob.username, user_id: bob.id });
    // alice's socket hears bob join
    expect((await a.next('user_join')).text).toBe(JSON.stringify({ type: 'user_join', user: bob.username, user_id: bob.id }));
    await a.close();
    expect((await b.next('user_leave')).text).toBe(JSON.stringify({ type: 'user_leave', user: alice.username, user_id: alice.id }));
    await b.close();
  });

  test('has_more is true past 50 messages, and history holds the newest 50', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const room = dmName(alice, bob);
    const a = await sockets.joined(room, alice.access);
    for (let i = 1; i <= 51; i++) a.send({ type: 'chat_message', message: `m${i}` });
    for (let i = 1; i <= 51; i++) expect((await a.next('chat_message_echo')).data.message).toMatchObject({ content: `m${i}` });
    const b = await sockets.chat(room, bob.access);
    await b.next('online_user_list');
    const last = (await b.next('last_50_messages')).data;
    const contents = (last.messages as { content: string }[]).map((m) => m.content);
    expect(contents).toHaveLength(50);
    expect(contents[0]).toBe('m51');
    expect(contents[49]).toBe('m2');
    expect(last.has_more).toBe(true);
    await a.close();
    await b.close();
  });
});

describe('ws/chat/<name>/ frames', () => {
  let alice: LegacyUser;
  let bob: LegacyUser;
  let room: string;
  // fresh users per test: a socket closed by the previous test may still announce its user_leave
  test.beforeEach(async ({ make }) => {
    alice = await make.legacyUser('alice');
    bob = await make.legacyUser('bob');
    room = dmName(alice, bob);
  });

  test('chat_message: echo to the room (sender included), notification + unread_count to the recipient', async ({ sockets }) => {
    const a = await sockets.joined(room, alice.access);
    const b = await sockets.joined(room, bob.access);
    await a.next('user_join');
    const bobNotes = await sockets.notifications(bob.access);
    const initial = (await bobNotes.next('unread_count')).data.unread_count as number;
    const aliceNotes = await sockets.notifications(alice.access);
    await aliceNotes.next('unread_count');

    a.send({ type: 'chat_message', message: 'hello bob' });
    const echoA = await a.next('chat_message_echo');
    const echoB = await b.next('chat_message_echo');
    expect(echoB.text).toBe(echoA.text);
    expect(keys(echoA.data)).toEqual(['type', 'name', 'message']);
    expect(echoA.data.name).toBe(alice.username);
    const message = echoA.data.message as Record<string, unknown>;
    expect(keys(message)).toEqual(MESSAGE_KEYS);
    expect(message).toMatchObject({ from_user: { username: alice.username }, to_user: [bob.username], content: 'hello bob', files: null, read: false });
    expect(message.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // the conversation's id, not its name
    expect(message.conversation).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const note = await bobNotes.next('new_message_notification');
    expect(keys(note.data)).toEqual(['type', 'name', 'message']);
    expect(note.data).toEqual({ type: 'new_message_notification', name: alice.username, message });
    expect((await bobNotes.next('unread_count')).text).toBe(`{"type":"unread_count","unread_count":${initial + 1}}`);
    // the sender's notification socket hears nothing of its own message
    expect(await aliceNotes.quiet(150)).toBe(true);
    for (const s of [a, b, bobNotes, aliceNotes]) await s.close();
  });

  test('a retry with the same client_id answers with the first message and stores nothing new', async ({ server, sockets }) => {
    const a = await sockets.joined(room, alice.access);
    a.send({ type: 'chat_message', message: 'once', client_id: 'c-1' });
    const first = await a.next('chat_message_echo');
    a.send({ type: 'chat_message', message: 'once', client_id: 'c-1' });
    const again = await a.next('chat_message_echo');
    expect(again.text).toBe(first.text);
    const page = await api(server, 'GET', `/messages/?conversation=${room}`, { token: alice.access });
    const results = (page.json as { results: { content: string }[] }).results;
    expect(results.filter((m) => m.content === 'once')).toHaveLength(1);
    await a.close();
  });

  test('typing goes to the other user\'s sockets only, "True"/"False" strings accepted', async ({ sockets }) => {
    const a = await sockets.joined(room, alice.access);
    const b = await sockets.joined(room, bob.access);
    await a.next('user_join');
    a.send({ type: 'typing', typing: true });
    expect((await b.next('typing')).text).toBe(JSON.stringify({ type: 'typing', user: alice.username, typing: true }));
    a.send({ type: 'typing', typing: 'False' });
    expect((await b.next('typing')).text).toBe(JSON.stringify({ type: 'typing', user: alice.username, typing: false }));
    expect(await a.quiet(100)).toBe(true);
    await a.close();
    await b.close();
  });

  test('read_messages: unread_count to all the reader\'s notification sockets and a read_receipt to the room', async ({ server, sockets }) => {
    const a = await sockets.joined(room, alice.access);
    const b = await sockets.joined(room, bob.access);
    await a.next('user_join');
    const phone = await sockets.notifications(bob.access);
    const laptop = await sockets.notifications(bob.access);
    await phone.next('unread_count');
    await laptop.next('unread_count');
    a.send({ type: 'chat_message', message: 'read me' });
    const sent = (await b.next('chat_message_echo')).data.message as { id: string; conversation: string };
    await a.next('chat_message_echo');
    for (const n of [phone, laptop]) {
      await n.next('new_message_notification');
      expect((await n.next('unread_count')).data.unread_count).toBeGreaterThan(0);
    }
    b.send({ type: 'read_messages' });
    for (const n of [phone, laptop]) expect((await n.next('unread_count')).text).toBe('{"type":"unread_count","unread_count":0}');
    const forAlice = await a.next('read_receipt');
    expect(forAlice.text).toBe(JSON.stringify({ type: 'read_receipt', user: bob.username, conversation: sent.conversation, last_read: sent.id }));
    expect((await b.next('read_receipt')).text).toBe(forAlice.text);
    // per-recipient read state: alice's copy of the message now reads as read (bob read it)
    const page = await api(server, 'GET', `/messages/?conversation=${room}`, { token: alice.access });
    expect((page.json as { results: { id: string; read: boolean }[] }).results.find((m) => m.id === sent.id)?.read).toBe(true);
    for (const s of [a, b, phone, laptop]) await s.close();
  });

  test('presence counts sockets: user_leave only when the last of two tabs closes', async ({ sockets }) => {
    const b = await sockets.joined(room, bob.access);
    const tab1 = await sockets.joined(room, alice.access);
    expect((await b.next('user_join')).data.user).toBe(alice.username);
    const tab2 = await sockets.joined(room, alice.access);
    expect(await b.quiet(100)).toBe(true);
    await tab1.close();
    expect(await b.quiet(100)).toBe(true);
    await tab2.close();
    expect((await b.next('user_leave')).data).toEqual({ type: 'user_leave', user: alice.username, user_id: alice.id });
    await b.close();
  });
});

describe('ws/chat/<name>/ refusals', () => {
  test('auth failures: accept, one {"msg"} frame, close 4001', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const room = dmName(alice, bob);
    const expired = signToken({ secret: signingKey(TEST_JWT_SECRET), accessTtlSeconds: 60, refreshTtlSeconds: 60 }, 'access', alice.id, { now: Date.now() - 3_600_000 });
    const cases: [string | null, string][] = [
      [null, 'You are not authenticated user'],
      ['not-a-jwt', 'You are not authenticated user'],
      [alice.refresh, 'You are not authenticated user'],
      [expired, 'the token is expired'],
    ];
    for (const [token, msg] of cases) {
      for (const open of [() => sockets.chat(room, token), () => sockets.notifications(token)]) {
        const s = await open();
        expect((await s.next()).text).toBe(JSON.stringify({ msg }));
        expect((await s.closed).code).toBe(4001);
      }
    }
  });

  test('not a participant: close 4003', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    const bob = await make.legacyUser('bob');
    const eve = await make.legacyUser('eve');
    for (const room of [dmName(alice, bob), `${alice.id}_${bob.id}`]) {
      const s = await sockets.chat(room, eve.access);
      expect((await s.closed).code).toBe(4003);
      expect(s.frames).toEqual([]);
    }
  });

  test('malformed room or unknown user: an error frame, then close 4004', async ({ make, sockets }) => {
    const alice = await make.legacyUser('alice');
    for (const room of [`${alice.username}__x`, `${alice.username}_nobody-here`, alice.username, `${alice.id}_abc`, `${alice.id}_999999`]) {
      const s = await sockets.chat(room, alice.access);
      const frame = await s.next('error');
      expect(keys(frame.data)).toEqual(['type', 'code', 'msg']);
      expect(frame.data.code).toMatch(/^[a-z_]+$/);
      expect((await s.closed).code).toBe(4004);
    }
  });
});
