import { describe, expect } from 'vitest';
import {
  AddParticipantsDocument,
  CreateGroupDocument,
  LeaveConversationDocument,
  RemoveParticipantDocument,
  SendMessageDocument,
  SetAdminDocument,
  StartConversationDocument,
  UpdateConversationDocument,
} from './support/documents.js';
import { test } from './support/fixtures.js';
import { gqlOk } from './support/graphql.js';
import { CONVERSATION_KEYS, MESSAGE_KEYS, api, type FrameSocket, type LegacyUser } from './support/legacy.js';
import type { TestServer } from './support/server.js';

// Named groups (ADR 026) as the legacy dialect meets them: the room /ws/chat/g-…/, the new frames
// members_changed and conversation_updated (docs/legacy.md), REST history. Groups are made and managed
// through GraphQL (the legacy dialect has no route for it), by users registered through the legacy routes.

/** A named group's name that no group has. */
const NOWHERE = 'g-aaaaaaaaaaaaaaaa';

const keys = (v: unknown) => Object.keys(v as object);
const sorted = (names: string[]) => names.toSorted();

async function createGroup(server: TestServer, owner: LegacyUser, title: string, others: LegacyUser[]) {
  return (await gqlOk(server, CreateGroupDocument, { title, usernames: others.map((o) => o.username) }, owner.access)).createGroup;
}

const membersChanged = (id: string, added: LegacyUser[], removed: LegacyUser[]) =>
  JSON.stringify({ type: 'members_changed', conversation: id, added: added.map((u) => u.username), removed: removed.map((u) => u.username) });

/** Reads `socket` up to its next unread_count frame that says `n`. */
async function untilUnread(socket: FrameSocket, n: number): Promise<void> {
  while ((await socket.until('unread_count')).data.unread_count !== n);
}

let alice: LegacyUser;
let bob: LegacyUser;
let carol: LegacyUser;
let dave: LegacyUser;
// fresh users per test: a socket closed by the previous test may still announce its user_leave
test.beforeEach(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
  carol = await make.legacyUser('carol');
  dave = await make.legacyUser('dave');
});

describe('a named group in the legacy dialect', () => {
  test('members open /ws/chat/<g-name>/ (connect sequence, echo, notifications) and read it through REST; a stranger is closed 4003 and answered 404, as for a group nobody has', async ({ server, sockets }) => {
    const g = await createGroup(server, alice, 'Trip', [bob, carol]);
    const first = (await gqlOk(server, SendMessageDocument, { conversation: g.name, content: 'first' }, bob.access)).sendMessage;

    const a = await sockets.chat(g.name, alice.access);
    expect((await a.next('online_user_list')).text).toBe(JSON.stringify({ type: 'online_user_list', users: [alice.username] }));
    const last = (await a.next('last_50_messages')).data;
    expect(keys(last)).toEqual(['type', 'messages', 'has_more']);
    expect(last.has_more).toBe(false);
    const messages = last.messages as Record<string, unknown>[];
    expect(messages).toHaveLength(1);
    expect(keys(messages[0])).toEqual(MESSAGE_KEYS);
    expect(messages[0]).toMatchObject({ id: first.id, conversation: g.id, from_user: { username: bob.username }, content: 'first', files: null, read: false });
    expect(sorted(messages[0]!.to_user as string[])).toEqual(sorted([alice.username, carol.username]));
    expect((await a.next('user_join')).text).toBe(JSON.stringify({ type: 'user_join', user: alice.username, user_id: alice.id }));
    const b = await sockets.joined(g.name, bob.access);
    expect((await a.next('user_join')).data).toEqual({ type: 'user_join', user: bob.username, user_id: bob.id });
    const carolNotes = await sockets.notifications(carol.access);
    expect((await carolNotes.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 1 });

    a.send({ type: 'chat_message', message: 'hello group' });
    for (const s of [a, b]) {
      const echo = (await s.next('chat_message_echo')).data;
      expect(keys(echo)).toEqual(['type', 'name', 'message']);
      expect(echo.name).toBe(alice.username);
      expect(echo.message).toMatchObject({ conversation: g.id, content: 'hello group', from_user: { username: alice.username }, read: false });
      expect(sorted((echo.message as { to_user: string[] }).to_user)).toEqual(sorted([bob.username, carol.username]));
    }
    expect((await carolNotes.next('new_message_notification')).data.message).toMatchObject({ conversation: g.id, content: 'hello group' });
    expect((await carolNotes.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 2 });

    // REST: the history, the conversation, the list
    const page = await api(server, 'GET', `/messages/?conversation=${g.name}`, { token: carol.access });
    expect(page.status).toBe(200);
    const body = page.json as { count: number; results: { content: string; conversation: string }[] };
    expect(body.count).toBe(2);
    expect(body.results.map((m) => [m.content, m.conversation])).toEqual([['hello group', g.id], ['first', g.id]]);
    const one = await api(server, 'GET', `/conversations/${g.name}/`, { token: carol.access });
    expect(one.status).toBe(200);
    expect(keys(one.json).slice(0, CONVERSATION_KEYS.length)).toEqual(CONVERSATION_KEYS);
    expect(one.json).toMatchObject({ id: g.id, name: g.name, other_user: null, last_message: { content: 'hello group' }, unread_count: 2 });
    const list = await api(server, 'GET', '/conversations/', { token: carol.access });
    expect((list.json as { name: string }[]).map((c) => c.name)).toContain(g.name);

    // dave is no member: exactly as a group that does not exist
    for (const path of [`/messages/?conversation=${g.name}`, `/conversations/${g.name}/`]) {
      const stranger = await api(server, 'GET', path, { token: dave.access });
      const nowhere = await api(server, 'GET', path.replace(g.name, NOWHERE), { token: dave.access });
      expect([stranger.status, stranger.text], path).toEqual([404, '{"detail":"Not found."}']);
      expect([nowhere.status, nowhere.text], path).toEqual([404, '{"detail":"Not found."}']);
    }
    const strangerSocket = await sockets.chat(g.name, dave.access);
    expect((await strangerSocket.closed).code).toBe(4003);
    expect(strangerSocket.frames).toEqual([]);
    const nowhereSocket = await sockets.chat(NOWHERE, dave.access);
    expect((await nowhereSocket.closed).code).toBe(4003);
    expect(nowhereSocket.frames).toEqual([]);
    // and nothing of it reached the room
    expect(await a.quiet(200)).toBe(true);
  });

  test('members_changed goes to the room when members are added (keys in order); the new member opens the room and writes to everyone', async ({ server, sockets }) => {
    const g = await createGroup(server, alice, 'Trip', [bob]);
    const a = await sockets.joined(g.name, alice.access);
    const b = await sockets.joined(g.name, bob.access);
    await a.next('user_join');

    await gqlOk(server, AddParticipantsDocument, { conversation: g.name, usernames: [carol.username] }, alice.access);
    const added = membersChanged(g.id, [carol], []);
    expect((await a.next('members_changed')).text).toBe(added);
    expect((await b.next('members_changed')).text).toBe(added);

    const c = await sockets.joined(g.name, carol.access);
    for (const s of [a, b]) expect((await s.next('user_join')).data).toEqual({ type: 'user_join', user: carol.username, user_id: carol.id });
    c.send({ type: 'chat_message', message: 'hi, I am new' });
    for (const s of [a, b, c]) {
      const echo = (await s.next('chat_message_echo')).data as { name: string; message: { content: string; to_user: string[] } };
      expect([echo.name, echo.message.content]).toEqual([carol.username, 'hi, I am new']);
      expect(sorted(echo.message.to_user)).toEqual(sorted([alice.username, bob.username]));
    }
    // a member named again is no change: no frame
    await gqlOk(server, AddParticipantsDocument, { conversation: g.name, usernames: [carol.username] }, alice.access);
    await gqlOk(server, SendMessageDocument, { conversation: g.name, content: 'after' }, alice.access);
    expect((await b.next()).data.type).toBe('chat_message_echo');
  });

  test('conversation_updated goes to the room on a title or admin change, keys in order', async ({ server, sockets }) => {
    const g = await createGroup(server, alice, 'Trip', [bob]);
    const a = await sockets.joined(g.name, alice.access);
    const b = await sockets.joined(g.name, bob.access);
    await a.next('user_join');

    await gqlOk(server, UpdateConversationDocument, { conversation: g.name, title: 'Beach' }, alice.access);
    const titled = JSON.stringify({ type: 'conversation_updated', conversation: g.id, title: 'Beach', admins: [alice.username] });
    expect((await a.next('conversation_updated')).text).toBe(titled);
    expect((await b.next('conversation_updated')).text).toBe(titled);

    await gqlOk(server, SetAdminDocument, { conversation: g.name, username: bob.username, admin: true }, alice.access);
    for (const s of [a, b]) {
      const frame = (await s.next('conversation_updated')).data;
      expect(keys(frame)).toEqual(['type', 'conversation', 'title', 'admins']);
      expect({ ...frame, admins: sorted(frame.admins as string[]) }).toEqual({ type: 'conversation_updated', conversation: g.id, title: 'Beach', admins: sorted([alice.username, bob.username]) });
    }
  });

  test("a removed member's room gets members_changed and then closes 4003; the others get members_changed; their notification socket gets the lower total; then they are a stranger", async ({ server, sockets }) => {
    const g = await createGroup(server, alice, 'Trip', [bob, carol]);
    const dm = (await gqlOk(server, StartConversationDocument, { usernames: [carol.username] }, alice.access)).startConversation;
    await gqlOk(server, SendMessageDocument, { conversation: dm.name, content: 'elsewhere' }, alice.access);
    for (const text of ['one', 'two']) await gqlOk(server, SendMessageDocument, { conversation: g.name, content: text }, bob.access);
    const carolNotes = await sockets.notifications(carol.access);
    await untilUnread(carolNotes, 3);
    const a = await sockets.joined(g.name, alice.access);
    const c = await sockets.joined(g.name, carol.access);
    await a.next('user_join');

    await gqlOk(server, RemoveParticipantDocument, { conversation: g.name, username: carol.username }, alice.access);
    const removed = membersChanged(g.id, [], [carol]);
    expect((await c.next('members_changed')).text).toBe(removed);
    expect((await c.closed).code).toBe(4003);
    expect(c.frames).toEqual([]);
    expect((await a.until('members_changed')).text).toBe(removed);
    expect((await carolNotes.until('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 1 });

    const again = await sockets.chat(g.name, carol.access);
    expect((await again.closed).code).toBe(4003);
    const history = await api(server, 'GET', `/messages/?conversation=${g.name}`, { token: carol.access });
    expect([history.status, history.text]).toEqual([404, '{"detail":"Not found."}']);

    // bob leaves (GraphQL): the room hears it too
    await gqlOk(server, LeaveConversationDocument, { conversation: g.name }, bob.access);
    expect((await a.until('members_changed')).text).toBe(membersChanged(g.id, [], [bob]));
  });
});
