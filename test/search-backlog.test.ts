import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import type { SearchMessagesQuery } from './gql/graphql.js';
import { sendText, startConversation } from './support/chat.js';
import { DeleteMessageDocument, EditMessageDocument, SearchMessagesDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { gqlOk, registerUser, type TestUser } from './support/graphql.js';
import { startRestartableNode } from './support/restartable-node.js';
import { TEST_DB, type Endpoint } from './support/server.js';

/*
 * SQLite indexes stored messages for search off the send path, in batches (ADR 027). Here the batches
 * from the timer never come (an hour's delay) and hold three messages at most: everything a search
 * finds, it finds because the search itself first indexed what was waiting, in several transactions.
 * On PostgreSQL (no backlog: the GIN index is kept by the insert) the same expectations hold.
 */
const NO_TIMER = { SEARCH_INDEX_DELAY_MS: '3600000', SEARCH_INDEX_BATCH_ROWS: '3' };
const test = serverTest(NO_TIMER);

async function found(server: Endpoint, user: TestUser, query: string, conversation?: string): Promise<string[]> {
  const data: SearchMessagesQuery = await gqlOk(server, SearchMessagesDocument, { query, conversation, first: 50 }, user.access);
  return data.searchMessages.edges.map((e) => e.node.content);
}

/** SQLite: how many stored messages the index has not taken yet (0 on PostgreSQL). */
function unindexed(databaseUrl: string): number {
  if (TEST_DB !== 'sqlite') return 0;
  const db = new Database(databaseUrl.replace(/^file:/, ''), { readonly: true });
  try {
    const row = db.prepare(`SELECT (SELECT COUNT(*) FROM "Message" WHERE "seq" > (SELECT "upTo" FROM "MessageSearchIndexed")) AS n`).get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe('search over messages not indexed yet', () => {
  test('finds a message as soon as its send is acknowledged, and every one of a backlog longer than a batch', async ({ server, make }) => {
    const [ann, ben] = await make.users('ann', 'ben');
    const { name } = await make.conversation(ann, ben);
    await sendText(server, ann, name, 'the zeppelin lands at noon');
    expect(unindexed(server.databaseUrl)).toBe(TEST_DB === 'sqlite' ? 1 : 0);
    expect(await found(server, ben, 'zeppelin')).toEqual(['the zeppelin lands at noon']);
    expect(unindexed(server.databaseUrl)).toBe(0);

    const sent = Array.from({ length: 10 }, (_, i) => `backlog item ${i} quokka`);
    for (const [i, text] of sent.entries()) await sendText(server, i % 2 ? ann : ben, name, text);
    expect(unindexed(server.databaseUrl)).toBe(TEST_DB === 'sqlite' ? 10 : 0);
    expect(await found(server, ann, 'quokka')).toEqual(sent.toReversed());
    expect(await found(server, ann, 'item 7 quo')).toEqual(['backlog item 7 quokka']);
  });

  test('an edit before and after the message is indexed: only the text it has now is found', async ({ server, make }) => {
    const [ann, ben] = await make.users('ann', 'ben');
    const { name } = await make.conversation(ann, ben);
    const message = await sendText(server, ann, name, 'first draft about aardvarks');
    // not indexed yet: the edit's trigger leaves the index alone, the indexer takes the new text
    await gqlOk(server, EditMessageDocument, { id: message.id, content: 'second draft about badgers' }, ann.access);
    expect(await found(server, ben, 'aardvarks')).toEqual([]);
    expect(await found(server, ben, 'badgers')).toEqual(['second draft about badgers']);
    // indexed now (the search indexed it): the edit takes the old text out of the index and puts the new in
    await gqlOk(server, EditMessageDocument, { id: message.id, content: 'third draft about capybaras' }, ann.access);
    expect(await found(server, ben, 'badgers')).toEqual([]);
    expect(await found(server, ben, 'capybaras')).toEqual(['third draft about capybaras']);
    expect(await found(server, ben, 'draft about', name)).toEqual(['third draft about capybaras']);
  });

  test('a delete before and after the message is indexed: it is not found, the others are', async ({ server, make }) => {
    const [ann, ben] = await make.users('ann', 'ben');
    const { name } = await make.conversation(ann, ben);
    const early = await sendText(server, ann, name, 'platypus one');
    await sendText(server, ann, name, 'platypus two');
    expect(await found(server, ben, 'platypus')).toEqual(['platypus two', 'platypus one']);
    const late = await sendText(server, ann, name, 'platypus three');
    await gqlOk(server, DeleteMessageDocument, { id: late.id }, ann.access); // not indexed yet
    await gqlOk(server, DeleteMessageDocument, { id: early.id }, ann.access); // indexed
    expect(await found(server, ben, 'platypus')).toEqual(['platypus two']);
    await sendText(server, ben, name, 'platypus four');
    expect(await found(server, ann, 'platypus')).toEqual(['platypus four', 'platypus two']);
  });
});

describe('search after a restart with messages not indexed yet', () => {
  test('a crash leaves a backlog; the next start finds all of it, edits and deletes included', async () => {
    const node = await startRestartableNode(NO_TIMER);
    try {
      const [ann, ben] = [await registerUser(node, 'ann'), await registerUser(node, 'ben')];
      const { name } = await startConversation(node, ann, [ben]);
      await sendText(node, ann, name, 'wombat zero');
      expect(await found(node, ben, 'wombat')).toEqual(['wombat zero']); // indexed up to here
      const sent = [];
      for (let i = 1; i <= 7; i++) sent.push(await sendText(node, i % 2 ? ann : ben, name, `wombat ${i}`));
      await gqlOk(node, EditMessageDocument, { id: sent[1]!.id, content: 'wombat two, edited' }, ben.access);
      await gqlOk(node, DeleteMessageDocument, { id: sent[2]!.id }, ann.access);
      await node.kill('SIGKILL');
      await node.start();
      expect(await found(node, ann, 'wombat')).toEqual(['wombat 7', 'wombat 6', 'wombat 5', 'wombat 4', 'wombat two, edited', 'wombat 1', 'wombat zero']);
      expect(await found(node, ann, 'wombat 2')).toEqual([]);
    } finally {
      await node.close();
    }
  }, 60_000);
});
