import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { EventsSubscription } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import {
  DeleteMessageDocument,
  EditMessageDocument,
  EventsDocument,
  SearchMessagesDocument,
  UnreadCountDocument,
  UnreadCountEventsDocument,
} from './support/documents.js';
import { test, type Factories, type Sockets } from './support/fixtures.js';
import { errorCode, gql, gqlOk, subscribe, type Subscription, type TestUser } from './support/graphql.js';
import { api, type FrameSocket } from './support/legacy.js';
import { skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';
import { pngImage, uploadFile } from './support/upload.js';

const edit = (server: TestServer, user: TestUser, id: string, content: string) => gql(server, EditMessageDocument, { id, content }, user.access);
const remove = (server: TestServer, user: TestUser, id: string) => gql(server, DeleteMessageDocument, { id }, user.access);
const unread = async (server: TestServer, user: TestUser) => (await gqlOk(server, UnreadCountDocument, {}, user.access)).unreadCount;
type Shown = { id: string; content: string; editedAt: string | null; deletedAt: string | null };
const HISTORY = 'query($c: String!) { messages(conversation: $c, first: 50) { edges { node { id content editedAt deletedAt } } } }';
const history = async (server: TestServer, user: TestUser, conversation: string): Promise<Shown[]> =>
  (await gqlOk<{ messages: { edges: { node: Shown }[] } }>(server, HISTORY, { c: conversation }, user.access)).messages.edges.map((e) => e.node);

/** alice and bob, in a conversation of their own (so each test counts its own messages). */
async function pair(make: Factories): Promise<{ alice: TestUser; bob: TestUser; room: string }> {
  const [alice, bob] = await make.users('alice', 'bob');
  return { alice, bob, room: (await make.conversation(alice, bob)).name };
}

/** The next event that is not a probe's `added`. */
async function nextChange(sub: Subscription<EventsSubscription>): Promise<EventsSubscription['events']> {
  for (;;) {
    const e = (await sub.next()).data?.events;
    if (!e) throw new Error('events subscription failed');
    if (e.__typename !== 'MessageAddedEvent') return e;
  }
}

/** bob's events subscription on the room, heard to be live. */
async function bobsEvents(server: TestServer, sockets: Sockets, bob: TestUser, alice: TestUser, room: string) {
  const sub = subscribe(sockets.graphql(bob.access), EventsDocument, { conversation: room });
  let n = 0;
  await untilListening(sub, () => sendText(server, alice, room, `probe ${++n}`));
  await skipUntil(sub, (d) => d.events.__typename === 'MessageAddedEvent' && 'message' in d.events && d.events.message.content === `probe ${n}`);
  return sub;
}

/** The next frame of `type`, skipping others (typing, probes' echoes…). */
async function frame(socket: FrameSocket, type: string): Promise<Record<string, unknown>> {
  return (await socket.until(type)).data as Record<string, unknown>;
}

describe('editMessage', () => {
  test('the author changes the text: editedAt, history, search, events and the legacy room all show it', async ({ server, make, sockets }) => {
    const { alice, bob, room } = await pair(make);
    const sent = await sendText(server, alice, room, 'see you at noon');
    const events = await bobsEvents(server, sockets, bob, alice, room);
    const legacy = await sockets.joined(room, bob.access);

    const res = await edit(server, alice, sent.id, 'see you at one');
    expect(res.errors).toBeUndefined();
    expect(res.data?.editMessage).toMatchObject({ id: sent.id, content: 'see you at one', deletedAt: null });
    const editedAt = res.data?.editMessage.editedAt;
    expect(Date.parse(String(editedAt))).toBeGreaterThan(Date.now() - 60_000);

    const change = await nextChange(events);
    expect(change).toMatchObject({ __typename: 'MessageEditedEvent', conversation: { name: room }, message: { id: sent.id, content: 'see you at one', editedAt } });
    expect(await frame(legacy, 'message_edited')).toEqual({ type: 'message_edited', id: sent.id, conversation: expect.any(String), content: 'see you at one', edited_at: editedAt });
    expect((await history(server, bob, room)).find((m) => m.id === sent.id)?.content).toBe('see you at one');
    const found = async (q: string) => (await gqlOk(server, SearchMessagesDocument, { query: q, conversation: room }, bob.access)).searchMessages.edges.map((e) => e.node.id);
    expect(await found('one')).toContain(sent.id);
    expect(await found('noon')).not.toContain(sent.id);
  });

  test('only the author: anyone else, an unknown id and a deleted message get the same NOT_FOUND', async ({ server, make }) => {
    const { alice, bob, room } = await pair(make);
    const stranger = await make.user('mallory');
    const sent = await sendText(server, alice, room, 'mine');
    const gone = await sendText(server, alice, room, 'soon gone');
    await remove(server, alice, gone.id);
    const answers = [
      await edit(server, bob, sent.id, 'bob was here'),
      await edit(server, stranger, sent.id, 'mallory was here'),
      await edit(server, alice, '00000000-0000-4000-8000-000000000000', 'nothing'),
      await edit(server, alice, 'not an id', 'nothing'),
      await edit(server, alice, gone.id, 'back?'),
    ];
    for (const a of answers) {
      expect(errorCode(a)).toBe('NOT_FOUND');
      expect(a.errors?.[0]?.message).toBe('Message not found.');
    }
    expect((await history(server, alice, room)).find((m) => m.id === sent.id)).toMatchObject({ content: 'mine' });
  });

  test('the limits of a send; the same text changes nothing; a file keeps its file and may lose its caption', async ({ server, make, sockets }) => {
    const { alice, bob, room } = await pair(make);
    const sent = await sendText(server, alice, room, 'hello');
    expect(errorCode(await edit(server, alice, sent.id, '   '))).toBe('BAD_USER_INPUT');
    expect(errorCode(await edit(server, alice, sent.id, 'x'.repeat(5001)))).toBe('PAYLOAD_TOO_LARGE');
    expect(errorCode(await edit(server, alice, sent.id, 'nul\u0000'))).toBe('BAD_USER_INPUT');
    const events = await bobsEvents(server, sockets, bob, alice, room);
    const same = await edit(server, alice, sent.id, 'hello');
    expect(same.data?.editMessage).toMatchObject({ content: 'hello', editedAt: null });
    expect(await events.quiet(300)).toBe(true);

    const upload = await uploadFile(server, alice.access, { conversation: room, bytes: pngImage(2, 2), filename: 'dot.png', type: 'image/png', content: 'a dot' });
    const fileId = upload.data!.sendFile.id;
    const uncaptioned = await edit(server, alice, fileId, '');
    expect(uncaptioned.data?.editMessage).toMatchObject({ content: '', file: { name: 'dot.png' } });
  });
});

describe('deleteMessage', () => {
  test('a tombstone stays in GraphQL history; the legacy history, its count and a new chat socket leave it out', async ({ server, make, sockets }) => {
    const { alice, bob, room } = await pair(make);
    const kept = await sendText(server, alice, room, 'kept');
    const sent = await sendText(server, alice, room, 'oops');
    const events = await bobsEvents(server, sockets, bob, alice, room);
    const before = (await api(server, 'GET', `/messages/?conversation=${room}`, { token: bob.access })).json as { count: number };

    const res = await remove(server, alice, sent.id);
    expect(res.data?.deleteMessage).toMatchObject({ id: sent.id, content: '', file: null });
    const deletedAt = res.data?.deleteMessage.deletedAt;
    expect(deletedAt).toEqual(expect.any(String));
    expect(await nextChange(events)).toMatchObject({ __typename: 'MessageDeletedEvent', message: { id: sent.id, content: '', deletedAt } });

    expect((await history(server, bob, room)).find((m) => m.id === sent.id)).toMatchObject({ content: '', deletedAt });
    const page = (await api(server, 'GET', `/messages/?conversation=${room}`, { token: bob.access })).json as { count: number; results: { id: string }[] };
    expect(page.count).toBe(before.count - 1);
    expect(page.results.map((m) => m.id)).not.toContain(sent.id);
    expect(page.results.map((m) => m.id)).toContain(kept.id);
    const fresh = await sockets.chat(room, bob.access);
    await fresh.next('online_user_list');
    const last50 = (await fresh.next('last_50_messages')).data as { messages: { id: string }[] };
    expect(last50.messages.map((m) => m.id)).not.toContain(sent.id);
    expect(last50.messages.map((m) => m.id)).toContain(kept.id);

    // again: the tombstone, and nothing told twice
    expect((await remove(server, alice, sent.id)).data?.deleteMessage).toMatchObject({ id: sent.id, deletedAt });
    expect(await events.quiet(300)).toBe(true);
    // and only its author
    expect(errorCode(await remove(server, bob, kept.id))).toBe('NOT_FOUND');
  });

  test("lowers the unread counts it leaves wrong, for those who had not read it, on every device and in both dialects", async ({ server, make, sockets }) => {
    const { alice, bob, room } = await pair(make);
    const carol = await make.user('carol');
    const group = (await make.conversation(alice, bob, carol)).name;
    const counts = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument, {});
    await counts.next();
    const notifications = await sockets.notifications(bob.access);
    await notifications.until('unread_count');
    const first = await sendText(server, alice, room, 'first');
    const second = await sendText(server, alice, room, 'second');
    const toGroup = await sendText(server, alice, group, 'to the group');
    expect(await unread(server, bob)).toBe(3);
    // carol read the group's message, bob did not
    await gqlOk(server, 'mutation($c: String!) { markRead(conversation: $c) { unreadCount } }', { c: group }, carol.access);

    await skipUntil(counts, (d) => d.unreadCount.total === 3);
    await remove(server, alice, second.id);
    expect(await unread(server, bob)).toBe(2);
    expect((await skipUntil(counts, (d) => d.unreadCount.total === 2)).unreadCount).toMatchObject({ total: 2, conversationUnread: 1 });
    // the legacy notification socket: 1, 2, 3 as the messages came, then 2
    while ((await notifications.until('unread_count')).data.unread_count !== 3);
    expect((await notifications.until('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 2 });

    await remove(server, alice, toGroup.id);
    expect(await unread(server, bob)).toBe(1);
    expect(await unread(server, carol)).toBe(0);

    // read, then deleted: nothing to lower, never below zero
    await gqlOk(server, 'mutation($c: String!) { markRead(conversation: $c) { unreadCount } }', { c: room }, bob.access);
    await remove(server, alice, first.id);
    expect(await unread(server, bob)).toBe(0);
  });

  test('a deleted file message takes its file along: the stored file is gone and its link stops working', async ({ server, make }) => {
    const { alice, room } = await pair(make);
    const upload = await uploadFile(server, alice.access, { conversation: room, bytes: pngImage(3, 3), filename: 'pic.png', type: 'image/png' });
    const message = upload.data!.sendFile;
    const url = message.file!.url;
    expect((await fetch(url)).status).toBe(200);
    const files = () => (existsSync(join(server.dataDir, 'files')) ? readdirSync(join(server.dataDir, 'files')) : []);
    const stored = files().length;
    await remove(server, alice, message.id);
    expect((await fetch(url)).status).toBe(404);
    expect(files().length).toBe(stored - 1);
  });
});
