import type { Client } from 'graphql-ws';
import { describe, expect } from 'vitest';
import { historyOldestFirst, sendText, type SentMessage } from './support/chat.js';
import { MessageAddedCursorDocument } from './support/documents.js';
import { test, type Sockets } from './support/fixtures.js';
import { subscribe, type Subscription, type TestUser } from './support/graphql.js';
import { dataOf } from './support/live.js';

type Added = { messageAdded: SentMessage };

function follow(sockets: Sockets, user: TestUser, conversation: string, after: string): { client: Client; feed: Subscription<Added> } {
  const client = sockets.graphql(user.access);
  return { client, feed: subscribe(client, MessageAddedCursorDocument, { conversation, after }) };
}

async function receive(feed: Subscription<Added>, count: number): Promise<SentMessage[]> {
  const got: SentMessage[] = [];
  while (got.length < count) got.push(dataOf(await feed.next()).messageAdded);
  return got;
}

describe('messageAdded(after:) resume', () => {
  test('replays exactly what was sent while the client was away, then goes live', async ({ server, sockets, make }) => {
    const alice = await make.user('alice');
    const bob = await make.user('bob');
    const { name } = await make.conversation(alice, bob);
    const opening = await sendText(server, alice, name, 'opening');

    const first = follow(sockets, bob, name, opening.cursor);
    const seen = [await sendText(server, alice, name, 'seen 1'), await sendText(server, bob, name, 'seen 2')];
    expect(await receive(first.feed, 2)).toEqual(seen);
    await first.client.dispose();

    const missed: SentMessage[] = [];
    for (let i = 1; i <= 7; i += 1) missed.push(await sendText(server, i % 3 ? alice : bob, name, `missed ${i}`));

    const second = follow(sockets, bob, name, seen.at(-1)!.cursor);
    expect(await receive(second.feed, missed.length)).toEqual(missed);
    const live = await sendText(server, alice, name, 'live');
    expect(await receive(second.feed, 1)).toEqual([live]);
    expect(await second.feed.quiet(300)).toBe(true);
    expect(await historyOldestFirst(server, bob, name)).toEqual([opening, ...seen, ...missed, live]);
  });

  test('has no gap and no duplicate when messages keep coming while it disconnects and resubscribes', async ({ server, sockets, make }) => {
    const alice = await make.user('alice');
    const bob = await make.user('bob');
    const { name } = await make.conversation(alice, bob);
    const opening = await sendText(server, alice, name, 'opening');

    // two senders, each sending in a loop, while bob's device drops and comes back
    const perSender = 50;
    let stored = 0;
    const sending = Promise.all(
      [alice, bob].map(async (sender) => {
        for (let i = 0; i < perSender; i += 1) {
          await sendText(server, sender, name, `${sender.username} #${i}`);
          stored += 1;
        }
      }),
    );
    const first = follow(sockets, bob, name, opening.cursor);
    const beforeDrop = await receive(first.feed, 10);
    await first.client.dispose();
    const second = follow(sockets, bob, name, beforeDrop.at(-1)!.cursor);
    const storedWhenResubscribing = stored;
    const afterDrop = await receive(second.feed, 2 * perSender - beforeDrop.length);
    await sending;

    // the sends really did overlap the drop and the resubscribe
    expect(storedWhenResubscribing).toBeLessThan(2 * perSender - 10);
    const received = [...beforeDrop, ...afterDrop];
    expect(new Set(received.map((m) => m.id)).size).toBe(received.length);
    expect(received).toEqual((await historyOldestFirst(server, bob, name)).slice(1));
    expect(await second.feed.quiet(300)).toBe(true);
  });
});
