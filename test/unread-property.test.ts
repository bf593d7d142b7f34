import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddParticipantsDocument,
  CreateGroupDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  LeaveConversationDocument,
  MarkReadDocument,
  RemoveParticipantDocument,
  SendMessageIdDocument,
  SetMutedDocument,
  StartConversationDocument,
  UnreadCountsDocument,
} from './support/documents.js';
import { gqlOk, registerUser, type TestUser } from './support/graphql.js';
import { startServer, testRedisPrefix, TEST_DB, TEST_REDIS_URL, type TestServer } from './support/server.js';

/**
 * Unread counts never drift: random sends, reads (to the latest, or up to a message), edits, deletes,
 * mutes and unmutes, by four users in a two-person and a three-person conversation and a named group
 * that people join, leave and are removed from (ADR 026), each answered before the next; then every
 * user's count per conversation must equal a recount of the model (messages from others, not
 * deleted, after the user's read mark, which a join sets at the newest message) and their total the
 * sum over the conversations they are in and have not muted. On SQLite one server; on PostgreSQL
 * two nodes sharing the database and the Redis bus, each operation sent to either.
 */
let nodes: TestServer[] = [];

beforeAll(async () => {
  if (TEST_DB !== 'postgres') {
    nodes = [await startServer()];
    return;
  }
  // two nodes: one database, one Redis bus (a prefix of their own)
  const bus = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix() };
  const first = await startServer(bus);
  nodes = [first, await startServer({ ...bus, DATABASE_URL: first.databaseUrl })];
});

afterAll(async () => {
  for (const n of nodes.toReversed()) await n.close();
});

type Op =
  | { kind: 'send'; from: number; conv: number; node: number }
  | { kind: 'read'; user: number; conv: number; upTo: number | null; node: number }
  | { kind: 'edit'; message: number; node: number }
  | { kind: 'delete'; message: number; node: number }
  | { kind: 'mute'; user: number; conv: number; muted: boolean; node: number }
  /** the named group's admin (ann) adds the user */
  | { kind: 'join'; user: number; node: number }
  /** the user leaves the named group, or ann removes them */
  | { kind: 'leave'; user: number; removed: boolean; node: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('send' as const), from: fc.nat(3), conv: fc.nat(2), node: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), user: fc.nat(3), conv: fc.nat(2), upTo: fc.option(fc.nat(30), { nil: null }), node: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), message: fc.nat(30), node: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), message: fc.nat(30), node: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mute' as const), user: fc.nat(3), conv: fc.nat(2), muted: fc.boolean(), node: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('join' as const), user: fc.integer({ min: 1, max: 3 }), node: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), user: fc.integer({ min: 1, max: 3 }), removed: fc.boolean(), node: fc.nat(1) }) },
);

interface Sent {
  id: string;
  conv: number;
  from: number;
  /** order of sending, per conversation the same as the server's */
  n: number;
  deleted: boolean;
}

describe('unread counts against a recount', () => {
  it('never drift, never go negative, whatever mix of sends, reads, edits and deletes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        run += 1;
        const node = (i: number) => nodes[i % nodes.length]!;
        const users: TestUser[] = [];
        for (const name of ['ann', 'ben', 'cy', 'dee']) users.push(await registerUser(node(0), `${name}${run}`));
        const dm = (await gqlOk(node(0), StartConversationDocument, { usernames: [users[1]!.username] }, users[0]!.access)).startConversation.name;
        const group = (await gqlOk(node(1), StartConversationDocument, { usernames: [users[1]!.username, users[2]!.username] }, users[0]!.access)).startConversation.name;
        const named = (await gqlOk(node(0), CreateGroupDocument, { title: 'property', usernames: [users[1]!.username] }, users[0]!.access)).createGroup.name;
        const convs = [
          { name: dm, members: [0, 1] },
          { name: group, members: [0, 1, 2] },
          // ann stays (its admin); the others come and go
          { name: named, members: [0, 1] },
        ];
        const sent: Sent[] = [];
        /** user → conversation → how many of its messages (in sending order) the user has read */
        const readUpTo = users.map(() => [0, 0, 0]);
        /** user → conversation → muted */
        const mutedBy = users.map(() => [false, false, false]);
        const groupMembers = convs[2]!.members;
        for (const o of ops) {
          if (o.kind === 'join') {
            await gqlOk(node(o.node), AddParticipantsDocument, { conversation: named, usernames: [users[o.user]!.username] }, users[0]!.access);
            if (groupMembers.includes(o.user)) continue;
            groupMembers.push(o.user);
            // a new member has read what was there (their participant row is new: not muted)
            readUpTo[o.user]![2] = sent.filter((s) => s.conv === 2).length;
            mutedBy[o.user]![2] = false;
            continue;
          }
          if (o.kind === 'leave') {
            if (!groupMembers.includes(o.user)) continue;
            if (o.removed) await gqlOk(node(o.node), RemoveParticipantDocument, { conversation: named, username: users[o.user]!.username }, users[0]!.access);
            else await gqlOk(node(o.node), LeaveConversationDocument, { conversation: named }, users[o.user]!.access);
            groupMembers.splice(groupMembers.indexOf(o.user), 1);
            continue;
          }
          if (o.kind === 'send') {
            const conv = convs[o.conv]!;
            const from = conv.members[o.from % conv.members.length]!;
            const { sendMessage } = await gqlOk(node(o.node), SendMessageIdDocument, { conversation: conv.name, content: `m${sent.length}` }, users[from]!.access);
            sent.push({ id: sendMessage.id, conv: o.conv, from, n: sent.filter((s) => s.conv === o.conv).length + 1, deleted: false });
          } else if (o.kind === 'read') {
            const conv = convs[o.conv]!;
            const user = conv.members[o.user % conv.members.length]!;
            const inConv = sent.filter((s) => s.conv === o.conv);
            const target = o.upTo === null || inConv.length === 0 ? null : inConv[o.upTo % inConv.length]!;
            await gqlOk(node(o.node), MarkReadDocument, { conversation: conv.name, upTo: target?.id ?? null }, users[user]!.access);
            // a read mark only moves forward
            const to = target ? target.n : inConv.length;
            readUpTo[user]![o.conv] = Math.max(readUpTo[user]![o.conv]!, to);
          } else if (o.kind === 'mute') {
            const conv = convs[o.conv]!;
            const user = conv.members[o.user % conv.members.length]!;
            await gqlOk(node(o.node), SetMutedDocument, { conversation: conv.name, muted: o.muted }, users[user]!.access);
            mutedBy[user]![o.conv] = o.muted;
          } else {
            const target = sent.length ? sent[o.message % sent.length]! : null;
            // only the author, while still a member, may change a message
            if (!target || target.deleted || !convs[target.conv]!.members.includes(target.from)) continue;
            if (o.kind === 'edit') await gqlOk(node(o.node), EditMessageDocument, { id: target.id, content: `${target.id} edited` }, users[target.from]!.access);
            else {
              await gqlOk(node(o.node), DeleteMessageDocument, { id: target.id }, users[target.from]!.access);
              target.deleted = true;
            }
          }
        }
        for (const [u, user] of users.entries()) {
          const expected = convs.map((c, ci) =>
            c.members.includes(u) ? sent.filter((s) => s.conv === ci && s.from !== u && !s.deleted && s.n > readUpTo[u]![ci]!).length : null,
          );
          for (const n of nodes) {
            const data = await gqlOk(n, UnreadCountsDocument, {}, user.access);
            const byName = new Map(data.conversations.edges.map((e) => [e.node.name, e.node.unreadCount]));
            expect(
              convs.map((c) => byName.get(c.name) ?? null),
              `${user.username} per conversation after ${JSON.stringify(ops)}`,
            ).toEqual(expected);
            const total = expected.reduce<number>((a, b, ci) => a + (mutedBy[u]![ci] ? 0 : (b ?? 0)), 0);
            expect(data.unreadCount, `${user.username} in total`).toBe(total);
          }
        }
      }),
      {
        numRuns: 12,
        seed: 20261203,
        // a joiner's read mark starts at the newest message: reading an older one, or its deletion, must not count what came before the join
        examples: [
          [
            [
              { kind: 'send', from: 0, conv: 2, node: 0 },
              { kind: 'send', from: 1, conv: 2, node: 1 },
              { kind: 'join', user: 2, node: 1 },
              { kind: 'send', from: 1, conv: 2, node: 0 },
              { kind: 'read', user: 2, conv: 2, upTo: 0, node: 0 },
              { kind: 'delete', message: 0, node: 1 },
              { kind: 'leave', user: 1, removed: true, node: 0 },
              { kind: 'join', user: 1, node: 1 },
              { kind: 'send', from: 0, conv: 2, node: 1 },
            ],
          ],
        ],
      },
    );
  }, 240_000);
});
