import { describe, expect } from 'vitest';
import {
  ConversationsDocument,
  MeDocument,
  MessageAddedDocument,
  SendFileDocument,
  SendMessageDocument,
  StartConversationDocument,
} from './support/documents.js';
import { test } from './support/fixtures.js';
import type { TestUser } from './support/graphql.js';
import { resultStream, urqlSession, type UrqlSession } from './support/urql.js';

// A 1×1 transparent PNG: the server detects the type from these bytes, not from the name or the File's type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let alice: TestUser;
let bob: TestUser;
let aliceApp: UrqlSession;
let bobApp: UrqlSession;
let room: string;

test.beforeAll(async ({ server, make }) => {
  [alice, bob] = await make.users('alice', 'bob');
  aliceApp = urqlSession(server, alice.access);
  bobApp = urqlSession(server, bob.access);
  const started = await aliceApp.client.mutation(StartConversationDocument, { usernames: [bob.username] }).toPromise();
  if (!started.data) throw new Error(`startConversation failed: ${started.error?.message}`);
  room = started.data.startConversation.name;
});

test.afterAll(async () => {
  await aliceApp?.dispose();
  await bobApp?.dispose();
});

describe('an urql client (as a React frontend uses it)', () => {
  test('queries me and my conversations with a Bearer header', async () => {
    const me = await bobApp.client.query(MeDocument, {}).toPromise();
    expect(me.error).toBeUndefined();
    // cacheExchange adds __typename to every selection, as it does in the browser
    expect(me.data?.me).toEqual({ __typename: 'User', id: bob.id, username: bob.username });

    await aliceApp.client.mutation(SendMessageDocument, { conversation: room, content: 'hello from urql' }).toPromise();
    const list = await bobApp.client.query(ConversationsDocument, { first: 10 }, { requestPolicy: 'network-only' }).toPromise();
    expect(list.error).toBeUndefined();
    const conv = list.data?.conversations.edges.find((e) => e.node.name === room)?.node;
    expect(conv?.lastMessage).toMatchObject({ content: 'hello from urql', sender: { username: alice.username } });
    expect(conv?.unreadCount).toBe(1);
    expect(conv?.participants.map((p) => p.username).sort()).toEqual([alice.username, bob.username].sort());
  });

  test('uploads a File with sendFile (multipart request) and the returned url downloads it', async () => {
    const file = new File([PNG], 'pixel.png', { type: 'image/png' });
    const sent = await aliceApp.client.mutation(SendFileDocument, { conversation: room, file, content: 'a pixel' }).toPromise();
    expect(sent.error).toBeUndefined();
    const info = sent.data?.sendFile.file;
    expect(info).toMatchObject({ name: 'pixel.png', size: PNG.length, mimeType: 'image/png' });

    const res = await fetch(info?.url ?? 'missing url');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  test("receives the other user's message through subscriptionExchange over graphql-ws", async () => {
    // Resume after a known message so nothing sent while the subscription starts can slip through.
    const first = await aliceApp.client.mutation(SendMessageDocument, { conversation: room, content: 'before' }).toPromise();
    const after = first.data?.sendMessage.cursor;
    expect(after).toBeTypeOf('string');
    const events = resultStream(bobApp.client.subscription(MessageAddedDocument, { conversation: room, after }));
    try {
      const sent = await aliceApp.client.mutation(SendMessageDocument, { conversation: room, content: 'live over ws' }).toPromise();
      const event = await events.next();
      expect(event.error).toBeUndefined();
      expect(event.data?.messageAdded).toEqual({
        id: sent.data?.sendMessage.id,
        content: 'live over ws',
        conversation: room,
        sender: { username: alice.username },
      });
    } finally {
      events.unsubscribe();
    }
  });
});
