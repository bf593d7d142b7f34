import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { GroupEventsSubscription, GroupFieldsFragment } from './gql/graphql.js';
import {
  AddParticipantsDocument,
  AddReactionDocument,
  ConversationKindsDocument,
  CreateGroupDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  GroupDocument,
  GroupEventsDocument,
  LeaveConversationDocument,
  MarkReadDocument,
  MessageAddedCursorDocument,
  MessageAddedIdContentDocument,
  MessageHistoryDocument,
  RemoveParticipantDocument,
  SendMessageDocument,
  SetAdminDocument,
  SetMutedDocument,
  StartConversationKindDocument,
  UnreadCountDocument,
  UnreadCountEventsDocument,
  UpdateConversationDocument,
} from './support/documents.js';
import { serverTest, test } from './support/fixtures.js';
import { errorCode, gql, gqlOk, subscribe, type GraphQLResponse, type Subscription, type TestUser } from './support/graphql.js';
import { dataOf, skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';

// Named groups (ADR 026) through GraphQL: creation, members coming and going, admins and titles, the
// membership events, and unread counts through all of it. The legacy dialect: legacy-groups.test.ts;
// two nodes: multinode-groups.test.ts.

/** A named group's name that no group has: what a stranger must not be able to tell a real group from. */
const NOWHERE = 'g-aaaaaaaaaaaaaaaa';
const GROUP_NAME = /^g-[a-z0-9]{16}$/;
/** Before the first message: `messageAdded(after: START)` replays a whole history. */
const START = Buffer.from('m:0').toString('base64url');

/** a server with small limits: four members at most, titles of ten characters at most */
const limited = serverTest({ GROUP_MAX_PARTICIPANTS: '4', CONVERSATION_TITLE_MAX_LENGTH: '10' });

const usernames = (users: readonly { username: string }[]) => users.map((u) => u.username).toSorted();

/** What the group tests compare: kind, title, admins and members (sorted: their order is not the contract). */
const shape = (c: GroupFieldsFragment) => ({
  kind: c.kind,
  isGroup: c.isGroup,
  title: c.title ?? null,
  admins: usernames(c.admins),
  participants: usernames(c.participants),
});

/** What a refusal tells the caller: its code, message and reason. */
const refusal = (res: GraphQLResponse<unknown>) => ({
  code: errorCode(res) ?? null,
  message: res.errors?.[0]?.message ?? null,
  reason: res.errors?.[0]?.extensions?.reason ?? null,
});

async function createGroup(server: TestServer, owner: TestUser, title: string, others: TestUser[]) {
  return (await gqlOk(server, CreateGroupDocument, { title, usernames: others.map((o) => o.username) }, owner.access)).createGroup;
}
const add = async (server: TestServer, admin: TestUser, conversation: string, users: TestUser[]) =>
  (await gqlOk(server, AddParticipantsDocument, { conversation, usernames: users.map((u) => u.username) }, admin.access)).addParticipants;
const remove = async (server: TestServer, admin: TestUser, conversation: string, user: TestUser) =>
  (await gqlOk(server, RemoveParticipantDocument, { conversation, username: user.username }, admin.access)).removeParticipant;
const leave = async (server: TestServer, user: TestUser, conversation: string) =>
  (await gqlOk(server, LeaveConversationDocument, { conversation }, user.access)).leaveConversation;
const send = async (server: TestServer, user: TestUser, conversation: string, content: string) =>
  (await gqlOk(server, SendMessageDocument, { conversation, content }, user.access)).sendMessage;
/** The conversation as `user` sees it (null: not theirs), with their total. */
const view = (server: TestServer, user: TestUser, name: string) => gqlOk(server, GroupDocument, { name }, user.access);
/** `user`'s unread count of the conversation (null: not theirs) and in total. */
const counts = async (server: TestServer, user: TestUser, name: string) => {
  const seen = await view(server, user, name);
  return { here: seen.conversation?.unreadCount ?? null, total: seen.unreadCount };
};
const listed = async (server: TestServer, user: TestUser) =>
  (await gqlOk(server, ConversationKindsDocument, {}, user.access)).conversations.edges.map((e) => e.node);
const contents = async (server: TestServer, user: TestUser, conversation: string) =>
  (await gqlOk(server, MessageHistoryDocument, { conversation }, user.access)).messages.edges.map((e) => e.node.content);

type Event = GroupEventsSubscription['events'];

/** An event as the tests compare it: its kind and what it carries (usernames sorted). */
function summary(e: Event): unknown[] {
  if (e.__typename === 'MessageAddedEvent') return [e.__typename, e.message.content];
  if (e.__typename === 'MembershipChangedEvent') return [e.__typename, usernames(e.added), usernames(e.removed)];
  if (e.__typename === 'ConversationUpdatedEvent') return [e.__typename, e.conversation.title ?? null, usernames(e.conversation.admins)];
  return [e.__typename];
}

async function nextEvent(sub: Subscription<GroupEventsSubscription>): Promise<Event> {
  return dataOf(await sub.next()).events;
}

async function take(sub: Subscription<GroupEventsSubscription>, n: number): Promise<Event[]> {
  const out: Event[] = [];
  while (out.length < n) out.push(await nextEvent(sub));
  return out;
}

/**
 * Makes an `events` subscription live: `from` sends probes (labelled) to `conversation` until one is
 * heard, then the feed is drained to the last probe. Returns that probe's event cursor.
 */
async function live(server: TestServer, sub: Subscription<GroupEventsSubscription>, from: TestUser, conversation: string, label: string): Promise<string> {
  let probes = 0;
  await untilListening(sub, () => send(server, from, conversation, `${label} probe ${++probes}`));
  for (;;) {
    const e = await nextEvent(sub);
    if (e.__typename === 'MessageAddedEvent' && e.message.content === `${label} probe ${probes}`) return e.cursor;
  }
}

describe('createGroup', () => {
  test('makes a named group: a g- name of its own, kind GROUP, its title, the creator its one admin; DMs and id-groups stay participant sets without title or admins', async ({ server, make }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Trip', [bob, carol]);
    expect(g.name).toMatch(GROUP_NAME);
    expect(shape(g)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Trip', admins: [alice.username], participants: usernames([alice, bob, carol]) });
    expect({ unreadCount: g.unreadCount, muted: g.muted }).toEqual({ unreadCount: 0, muted: false });
    // the same members again: another group (a name is not a participant set)
    const again = await createGroup(server, alice, 'Trip', [bob, carol]);
    expect(again.name).toMatch(GROUP_NAME);
    expect(again.name).not.toBe(g.name);
    expect(again.id).not.toBe(g.id);

    const dm = (await gqlOk(server, StartConversationKindDocument, { usernames: [bob.username] }, alice.access)).startConversation;
    expect(dm.name).toBe([alice.username, bob.username].sort().join('_'));
    expect(shape(dm)).toEqual({ kind: 'DIRECT', isGroup: false, title: null, admins: [], participants: usernames([alice, bob]) });
    const idGroup = (await gqlOk(server, StartConversationKindDocument, { usernames: [bob.username, carol.username] }, alice.access)).startConversation;
    expect(idGroup.name).toMatch(/^\d+(_\d+){2}$/);
    expect(shape(idGroup)).toEqual({ kind: 'GROUP', isGroup: true, title: null, admins: [], participants: usernames([alice, bob, carol]) });
    expect(idGroup.id).not.toBe(g.id);
  });

  test('its name works wherever a conversation name does: sendMessage, messages, conversation(name), the conversations list, markRead; a stranger sees no group', async ({ server, make }) => {
    const [alice, bob, carol, dave] = await make.users('alice', 'bob', 'carol', 'dave');
    const g = await createGroup(server, alice, 'Trip', [bob, carol]);
    const sent = await send(server, bob, g.name, 'hello group');
    expect(sent.content).toBe('hello group');
    expect(await contents(server, carol, g.name)).toEqual(['hello group']);
    const seen = await view(server, carol, g.name);
    expect(seen.conversation && shape(seen.conversation)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Trip', admins: [alice.username], participants: usernames([alice, bob, carol]) });
    expect({ name: seen.conversation?.name, id: seen.conversation?.id, unread: seen.conversation?.unreadCount, total: seen.unreadCount }).toEqual({ name: g.name, id: g.id, unread: 1, total: 1 });
    expect(await listed(server, carol)).toContainEqual({ name: g.name, kind: 'GROUP', title: 'Trip', unreadCount: 1 });
    expect((await gqlOk(server, MarkReadDocument, { conversation: g.name }, carol.access)).markRead.unreadCount).toBe(0);
    expect(await counts(server, carol, g.name)).toEqual({ here: 0, total: 0 });
    // bob sent it: nothing unread for him; alice has it unread
    expect(await counts(server, bob, g.name)).toEqual({ here: 0, total: 0 });
    expect(await counts(server, alice, g.name)).toEqual({ here: 1, total: 1 });
    // dave is no member: to him it does not exist, exactly as a name nobody has
    expect((await view(server, dave, g.name)).conversation).toBeNull();
    expect((await listed(server, dave)).map((c) => c.name)).not.toContain(g.name);
    const asStranger = await gql(server, MessageHistoryDocument, { conversation: g.name }, dave.access);
    expect(refusal(asStranger)).toEqual(refusal(await gql(server, MessageHistoryDocument, { conversation: NOWHERE }, dave.access)));
    expect(errorCode(asStranger)).toBe('NOT_FOUND');
  });

  limited('GROUP_MAX_PARTICIPANTS bounds named groups, when created and when added to; a title is trimmed text of 1 to CONVERSATION_TITLE_MAX_LENGTH characters', async ({ server, make }) => {
    const [ann, b1, b2, b3, b4] = await make.users('ann', 'b1', 'b2', 'b3', 'b4');
    const five = await gql(server, CreateGroupDocument, { title: 'Five', usernames: [b1, b2, b3, b4].map((u) => u.username) }, ann.access);
    expect(refusal(five)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'too_many_participants' });
    const full = await createGroup(server, ann, 'Four', [b1, b2, b3]);
    expect(usernames(full.participants)).toEqual(usernames([ann, b1, b2, b3]));
    const over = await gql(server, AddParticipantsDocument, { conversation: full.name, usernames: [b4.username] }, ann.access);
    expect(refusal(over)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'too_many_participants' });
    // members named again do not count twice
    const same = (await gqlOk(server, AddParticipantsDocument, { conversation: full.name, usernames: [b1.username] }, ann.access)).addParticipants;
    expect(usernames(same.participants)).toEqual(usernames([ann, b1, b2, b3]));
    expect(await gql(server, SendMessageDocument, { conversation: full.name, content: 'x' }, b4.access).then(errorCode)).toBe('NOT_FOUND');

    for (const title of ['', '   ', 'x'.repeat(11)]) {
      const created = await gql(server, CreateGroupDocument, { title, usernames: [b1.username] }, ann.access);
      expect(refusal(created), JSON.stringify(title)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(created.errors?.[0]?.extensions?.field, JSON.stringify(title)).toBe('title');
      const updated = await gql(server, UpdateConversationDocument, { conversation: full.name, title }, ann.access);
      expect(refusal(updated), JSON.stringify(title)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(updated.errors?.[0]?.extensions?.field, JSON.stringify(title)).toBe('title');
    }
    expect((await view(server, b1, full.name)).conversation?.title).toBe('Four');
    expect((await createGroup(server, ann, 'x'.repeat(10), [b1])).title).toBe('x'.repeat(10));
    // trimmed first, then measured
    expect((await createGroup(server, ann, `  ${'y'.repeat(10)} `, [b1])).title).toBe('y'.repeat(10));
    expect((await gqlOk(server, UpdateConversationDocument, { conversation: full.name, title: ' Trip ' }, ann.access)).updateConversation.title).toBe('Trip');
  });
});

describe('addParticipants', () => {
  test('an added member reads the whole history at once, starts at 0 unread and counts what comes next, subscribes and sends; adding a member again changes nothing', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Team', [bob]);
    const before = [await send(server, alice, g.name, 'one'), await send(server, bob, g.name, 'two'), await send(server, alice, g.name, 'three')];
    expect((await view(server, carol, g.name)).conversation).toBeNull();

    const added = await add(server, alice, g.name, [carol]);
    expect(shape(added)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Team', admins: [alice.username], participants: usernames([alice, bob, carol]) });
    expect(await contents(server, carol, g.name)).toEqual(['three', 'two', 'one']);
    expect(await counts(server, carol, g.name)).toEqual({ here: 0, total: 0 });
    expect(await listed(server, carol)).toContainEqual({ name: g.name, kind: 'GROUP', title: 'Team', unreadCount: 0 });

    // the history replays from its start, then what comes live
    const feed = subscribe(sockets.graphql(carol.access), MessageAddedCursorDocument, { conversation: g.name, after: START });
    for (const m of before) expect(dataOf(await feed.next()).messageAdded).toEqual(m);
    const four = await send(server, bob, g.name, 'four');
    expect(dataOf(await feed.next()).messageAdded).toEqual(four);
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 1 });
    const mine = await send(server, carol, g.name, 'hi, I am new');
    expect(dataOf(await feed.next()).messageAdded).toEqual(mine);
    expect(await contents(server, bob, g.name)).toContain('hi, I am new');

    // carol and bob again: nobody new, and carol's read mark stays where it was
    const again = await add(server, alice, g.name, [carol, bob]);
    expect(shape(again).participants).toEqual(usernames([alice, bob, carol]));
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 1 });
  });
});

describe('who may manage a group', () => {
  test('a member who is not an admin is FORBIDDEN; a stranger is told what a name nobody has tells; a DM or an id-group is BAD_USER_INPUT (participant_set); nothing changes', async ({ server, make }) => {
    const [alice, bob, carol, dave] = await make.users('alice', 'bob', 'carol', 'dave');
    const g = await createGroup(server, alice, 'Team', [bob, carol]);
    const dm = (await gqlOk(server, StartConversationKindDocument, { usernames: [bob.username] }, alice.access)).startConversation;
    const idGroup = (await gqlOk(server, StartConversationKindDocument, { usernames: [bob.username, carol.username] }, alice.access)).startConversation;
    const ops = {
      add: (conversation: string, by: TestUser) => gql(server, AddParticipantsDocument, { conversation, usernames: [dave.username] }, by.access),
      remove: (conversation: string, by: TestUser) => gql(server, RemoveParticipantDocument, { conversation, username: bob.username }, by.access),
      setAdmin: (conversation: string, by: TestUser) => gql(server, SetAdminDocument, { conversation, username: bob.username, admin: true }, by.access),
      title: (conversation: string, by: TestUser) => gql(server, UpdateConversationDocument, { conversation, title: 'Mine' }, by.access),
    };
    for (const [op, run] of Object.entries(ops)) {
      expect(errorCode(await run(g.name, carol)), `${op} by a member`).toBe('FORBIDDEN');
      const stranger = refusal(await run(g.name, dave));
      expect(stranger, `${op} by a stranger`).toEqual(refusal(await run(NOWHERE, dave)));
      expect(stranger.code, `${op} by a stranger`).toBe('NOT_FOUND');
      for (const set of [dm.name, idGroup.name]) {
        expect(refusal(await run(set, alice)), `${op} on ${set}`).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'participant_set' });
      }
    }
    // a stranger cannot add themself, nor leave what they are not in
    const selfAdd = await gql(server, AddParticipantsDocument, { conversation: g.name, usernames: [dave.username] }, dave.access);
    expect(refusal(selfAdd)).toEqual(refusal(await gql(server, AddParticipantsDocument, { conversation: NOWHERE, usernames: [dave.username] }, dave.access)));
    const strangerLeaves = await gql(server, LeaveConversationDocument, { conversation: g.name }, dave.access);
    expect(refusal(strangerLeaves)).toEqual(refusal(await gql(server, LeaveConversationDocument, { conversation: NOWHERE }, dave.access)));
    expect(errorCode(strangerLeaves)).toBe('NOT_FOUND');
    // nobody leaves a participant set
    for (const set of [dm.name, idGroup.name]) {
      expect(refusal(await gql(server, LeaveConversationDocument, { conversation: set }, bob.access)), `leave ${set}`).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'participant_set' });
    }

    const now = await view(server, alice, g.name);
    expect(now.conversation && shape(now.conversation)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Team', admins: [alice.username], participants: usernames([alice, bob, carol]) });
    for (const [set, members] of [[dm.name, [alice, bob]], [idGroup.name, [alice, bob, carol]]] as const) {
      const seen = await view(server, bob, set);
      expect(seen.conversation && shape(seen.conversation)).toMatchObject({ title: null, admins: [], participants: usernames(members) });
    }
    expect((await view(server, dave, g.name)).conversation).toBeNull();
  });
});

describe('removeParticipant', () => {
  test('the removed member is a stranger at once: their open subscription ends NOT_FOUND, their total drops by the group\'s count, and reading, sending, marking, editing, deleting and reacting answer as for a group nobody has', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Team', [bob, carol]);
    const mine = await send(server, carol, g.name, 'carol was here');
    const bobs = await send(server, bob, g.name, 'bob too');
    const dm = (await gqlOk(server, StartConversationKindDocument, { usernames: [carol.username] }, bob.access)).startConversation;
    await send(server, bob, dm.name, 'psst'); // one unread for carol elsewhere
    const carolClient = sockets.graphql(carol.access);
    const follows = subscribe(carolClient, MessageAddedIdContentDocument, { conversation: g.name });
    await untilListening(follows, (i) => send(server, alice, g.name, `probe ${i}`));
    const before = await counts(server, carol, g.name);
    expect(before.here).toBeGreaterThan(1);
    expect(before.total).toBe(before.here! + 1);
    const unread = subscribe(carolClient, UnreadCountEventsDocument);
    expect(dataOf(await unread.next()).unreadCount.total).toBe(before.total);

    const after = await remove(server, alice, g.name, carol);
    expect(shape(after)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Team', admins: [alice.username], participants: usernames([alice, bob]) });
    for (;;) {
      const event = await follows.next();
      if (!event.errors) continue;
      expect(errorCode(event)).toBe('NOT_FOUND');
      break;
    }
    // every device of hers is told the lower total
    await skipUntil(unread, (d) => d.unreadCount.total === 1);
    expect((await gqlOk(server, UnreadCountDocument, {}, carol.access)).unreadCount).toBe(1);
    expect((await view(server, carol, g.name)).conversation).toBeNull();
    expect((await listed(server, carol)).map((c) => c.name)).not.toContain(g.name);

    const tries = async (conversation: string) => ({
      history: refusal(await gql(server, MessageHistoryDocument, { conversation }, carol.access)),
      send: refusal(await gql(server, SendMessageDocument, { conversation, content: 'still here?' }, carol.access)),
      markRead: refusal(await gql(server, MarkReadDocument, { conversation }, carol.access)),
      mute: refusal(await gql(server, SetMutedDocument, { conversation, muted: true }, carol.access)),
      leave: refusal(await gql(server, LeaveConversationDocument, { conversation }, carol.access)),
      subscribe: refusal(await subscribe(carolClient, MessageAddedIdContentDocument, { conversation }).next()),
    });
    const asRemoved = await tries(g.name);
    expect(asRemoved).toEqual(await tries(NOWHERE));
    expect(asRemoved.send.code).toBe('NOT_FOUND');
    expect(asRemoved.subscribe.code).toBe('NOT_FOUND');

    // her old message stays, but is no longer hers to change; nor may she react to one
    expect(errorCode(await gql(server, EditMessageDocument, { id: mine.id, content: 'rewritten' }, carol.access))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server, DeleteMessageDocument, { id: mine.id }, carol.access))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server, AddReactionDocument, { messageId: bobs.id, emoji: '👍' }, carol.access))).toBe('NOT_FOUND');
    const history = await contents(server, bob, g.name);
    expect(history).toContain('carol was here');
    expect(history).not.toContain('still here?');
    expect(history).not.toContain('rewritten');
    expect(await counts(server, carol, dm.name)).toEqual({ here: 1, total: 1 });
  });
});

describe('leaveConversation', () => {
  test('anyone may leave; the last admin leaving passes admin to the longest-standing member; the last member leaving closes the group for everyone', async ({ server, make }) => {
    // carol registers before bob (a lower id) but joins after him: longest-standing is joined first
    const [alice, carol, bob] = await make.users('alice', 'carol', 'bob');
    const g = await createGroup(server, alice, 'Team', [bob]);
    await add(server, alice, g.name, [carol]);
    await send(server, bob, g.name, 'hi');

    expect(await leave(server, alice, g.name)).toBe(true);
    const left = await view(server, carol, g.name);
    expect(left.conversation && shape(left.conversation)).toMatchObject({ admins: [bob.username], participants: usernames([bob, carol]) });
    // alice is a stranger now
    const aliceSends = await gql(server, SendMessageDocument, { conversation: g.name, content: 'back?' }, alice.access);
    expect(refusal(aliceSends)).toEqual(refusal(await gql(server, SendMessageDocument, { conversation: NOWHERE, content: 'back?' }, alice.access)));
    expect(errorCode(aliceSends)).toBe('NOT_FOUND');
    expect((await view(server, alice, g.name)).conversation).toBeNull();
    // the new admin manages it; a member who is not an admin leaves and the admin stays
    expect((await gqlOk(server, UpdateConversationDocument, { conversation: g.name, title: 'Bob and co' }, bob.access)).updateConversation.title).toBe('Bob and co');
    expect(await leave(server, carol, g.name)).toBe(true);
    const alone = await view(server, bob, g.name);
    expect(alone.conversation && shape(alone.conversation)).toMatchObject({ admins: [bob.username], participants: [bob.username] });

    // the last member leaves: no member, so nobody can reach it, its last member included
    expect(await leave(server, bob, g.name)).toBe(true);
    for (const user of [alice, bob, carol]) {
      const history = await gql(server, MessageHistoryDocument, { conversation: g.name }, user.access);
      expect(refusal(history), user.username).toEqual(refusal(await gql(server, MessageHistoryDocument, { conversation: NOWHERE }, user.access)));
      expect(errorCode(history)).toBe('NOT_FOUND');
      expect((await view(server, user, g.name)).conversation).toBeNull();
      expect((await listed(server, user)).map((c) => c.name)).not.toContain(g.name);
      expect(errorCode(await gql(server, AddParticipantsDocument, { conversation: g.name, usernames: [user.username] }, user.access))).toBe('NOT_FOUND');
    }
  });
});

describe('setAdmin and updateConversation', () => {
  test('admins set the title and who else is admin; the last admin keeps the flag; members hear ConversationUpdatedEvent on events(conversation:) and events', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Team', [bob, carol]);
    const carolFollows = subscribe(sockets.graphql(carol.access), GroupEventsDocument, { conversation: g.name });
    await live(server, carolFollows, alice, g.name, 'carol');
    const bobAll = subscribe(sockets.graphql(bob.access), GroupEventsDocument, {});
    await live(server, bobAll, alice, g.name, 'bob');
    const both = async (expected: unknown[]) => {
      for (const sub of [carolFollows, bobAll]) {
        let e = await nextEvent(sub);
        // carol's feed also heard the probes that made bob's live
        while (e.__typename === 'MessageAddedEvent' && e.message.content.includes('probe')) e = await nextEvent(sub);
        expect(e.conversation.name).toBe(g.name);
        expect(summary(e)).toEqual(expected);
      }
    };

    expect(refusal(await gql(server, SetAdminDocument, { conversation: g.name, username: alice.username, admin: false }, alice.access))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'last_admin' });
    expect((await gqlOk(server, UpdateConversationDocument, { conversation: g.name, title: 'Trip' }, alice.access)).updateConversation.title).toBe('Trip');
    await both(['ConversationUpdatedEvent', 'Trip', [alice.username]]);

    const promoted = (await gqlOk(server, SetAdminDocument, { conversation: g.name, username: bob.username, admin: true }, alice.access)).setAdmin;
    expect(usernames(promoted.admins)).toEqual(usernames([alice, bob]));
    await both(['ConversationUpdatedEvent', 'Trip', usernames([alice, bob])]);
    // two admins: one may drop the other's flag
    const demoted = (await gqlOk(server, SetAdminDocument, { conversation: g.name, username: alice.username, admin: false }, bob.access)).setAdmin;
    expect(usernames(demoted.admins)).toEqual([bob.username]);
    await both(['ConversationUpdatedEvent', 'Trip', [bob.username]]);

    // alice is a plain member now
    expect(errorCode(await gql(server, UpdateConversationDocument, { conversation: g.name, title: 'Mine' }, alice.access))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server, SetAdminDocument, { conversation: g.name, username: alice.username, admin: true }, alice.access))).toBe('FORBIDDEN');
    expect(refusal(await gql(server, SetAdminDocument, { conversation: g.name, username: bob.username, admin: false }, bob.access))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'last_admin' });
    await gqlOk(server, UpdateConversationDocument, { conversation: g.name, title: 'Trip 2' }, bob.access);
    // the refusals published nothing: the next event is this title
    await both(['ConversationUpdatedEvent', 'Trip 2', [bob.username]]);
    expect(await carolFollows.quiet(300)).toBe(true);
    expect(await bobAll.quiet(100)).toBe(true);
    const seen = await view(server, carol, g.name);
    expect(seen.conversation && shape(seen.conversation)).toEqual({ kind: 'GROUP', isGroup: true, title: 'Trip 2', admins: [bob.username], participants: usernames([alice, bob, carol]) });
  });
});

describe('membership events', () => {
  test('create, add, remove and leave are MembershipChangedEvents naming who was added and removed, in order with the messages; events(after:) replays them after a reconnect', async ({ server, make, sockets }) => {
    const [alice, bob, carol, dave] = await make.users('alice', 'bob', 'carol', 'dave');
    const dm = await make.conversation(alice, bob);
    const bobAll = subscribe(sockets.graphql(bob.access), GroupEventsDocument, {});
    const start = await live(server, bobAll, alice, dm.name, 'bob');

    const g = await createGroup(server, alice, 'Team', [bob, carol]);
    await send(server, alice, g.name, 'hello');
    await add(server, alice, g.name, [dave]);
    await remove(server, alice, g.name, carol);
    expect(await leave(server, dave, g.name)).toBe(true);
    await send(server, bob, g.name, 'bye');
    const expected = [
      ['MembershipChangedEvent', usernames([alice, bob, carol]), []],
      ['MessageAddedEvent', 'hello'],
      ['MembershipChangedEvent', [dave.username], []],
      ['MembershipChangedEvent', [], [carol.username]],
      ['MembershipChangedEvent', [], [dave.username]],
      ['MessageAddedEvent', 'bye'],
    ];
    const seen = await take(bobAll, expected.length);
    expect(seen.map(summary)).toEqual(expected);
    expect(seen.map((e) => e.conversation.name)).toEqual(expected.map(() => g.name));
    expect(await bobAll.quiet(300)).toBe(true);
    await bobAll.close();

    // after a reconnect: the same, in the same order, from the database
    const replay = subscribe(sockets.graphql(bob.access), GroupEventsDocument, { after: start });
    expect((await take(replay, expected.length)).map(summary)).toEqual(expected);
    expect(await replay.quiet(300)).toBe(true);
    // and the one conversation's, after its creation
    const one = subscribe(sockets.graphql(alice.access), GroupEventsDocument, { conversation: g.name, after: seen[0]!.cursor });
    expect((await take(one, expected.length - 1)).map(summary)).toEqual(expected.slice(1));
  });

  test("a removed member's events(conversation:) delivers the event that removed them and then ends NOT_FOUND; their events feed goes on without the group; their replay is what the live feed gave", async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Team', [bob, carol]);
    const dm = await make.conversation(bob, carol);
    const carolClient = sockets.graphql(carol.access);
    const one = subscribe(carolClient, GroupEventsDocument, { conversation: g.name });
    await live(server, one, alice, g.name, 'one');
    const all = subscribe(carolClient, GroupEventsDocument, {});
    const start = await live(server, all, bob, dm.name, 'all');

    await send(server, alice, g.name, 'before');
    await remove(server, alice, g.name, carol);
    await send(server, alice, g.name, 'after'); // not hers any more
    await send(server, bob, dm.name, 'still here');

    expect(summary(await nextEvent(one))).toEqual(['MessageAddedEvent', 'before']);
    const removal = await nextEvent(one);
    expect(summary(removal)).toEqual(['MembershipChangedEvent', [], [carol.username]]);
    expect(removal.conversation.name).toBe(g.name);
    const end = await one.next();
    expect(end.data ?? null).toBeNull();
    expect(errorCode(end)).toBe('NOT_FOUND');

    const expected = [
      ['MessageAddedEvent', 'before'],
      ['MembershipChangedEvent', [], [carol.username]],
      ['MessageAddedEvent', 'still here'],
    ];
    expect((await take(all, expected.length)).map(summary)).toEqual(expected);
    // replayed later, exactly what the live feed gave: the group's events up to the one that removed her
    // (ADR 026), nothing of the group after it
    const replay = subscribe(carolClient, GroupEventsDocument, { after: start });
    expect((await take(replay, expected.length)).map(summary)).toEqual(expected);
    expect(await replay.quiet(300)).toBe(true);
  });
});

describe('unread counts through joins, leaves and mutes', () => {
  test('stay exact: a join starts at 0, a removal or a leave takes the group out of the total, a muted group is out of it already, a re-added member reads on unmuted', async ({ server, make }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const g = await createGroup(server, alice, 'Team', [bob]);
    const elsewhere = await make.conversation(alice, carol);
    await send(server, alice, elsewhere.name, 'elsewhere');
    await send(server, alice, g.name, 'one');
    await send(server, alice, g.name, 'two');
    expect(await counts(server, bob, g.name)).toEqual({ here: 2, total: 2 });
    expect(await counts(server, carol, g.name)).toEqual({ here: null, total: 1 });

    await add(server, alice, g.name, [carol]);
    expect(await counts(server, carol, g.name)).toEqual({ here: 0, total: 1 });
    await send(server, alice, g.name, 'three');
    expect(await counts(server, bob, g.name)).toEqual({ here: 3, total: 3 });
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 2 });

    await gqlOk(server, SetMutedDocument, { conversation: g.name, muted: true }, carol.access);
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 1 });
    await send(server, bob, g.name, 'four');
    expect(await counts(server, carol, g.name)).toEqual({ here: 2, total: 1 });
    expect(await counts(server, alice, g.name)).toEqual({ here: 1, total: 1 });
    // removed while muted: the total had left the group out already
    await remove(server, alice, g.name, carol);
    expect(await counts(server, carol, g.name)).toEqual({ here: null, total: 1 });
    await send(server, alice, g.name, 'five');
    expect(await counts(server, carol, g.name)).toEqual({ here: null, total: 1 });
    // re-added: a new membership, not muted, reading on from the newest message
    await add(server, alice, g.name, [carol]);
    expect(await counts(server, carol, g.name)).toEqual({ here: 0, total: 1 });
    expect((await view(server, carol, g.name)).conversation?.muted).toBe(false);
    await send(server, bob, g.name, 'six');
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 2 });
    expect(await counts(server, bob, g.name)).toEqual({ here: 4, total: 4 });

    expect(await leave(server, bob, g.name)).toBe(true);
    expect(await counts(server, bob, g.name)).toEqual({ here: null, total: 0 });
    await gqlOk(server, MarkReadDocument, { conversation: g.name }, carol.access);
    expect(await counts(server, carol, g.name)).toEqual({ here: 0, total: 1 });
    await send(server, alice, g.name, 'seven');
    expect(await counts(server, carol, g.name)).toEqual({ here: 1, total: 2 });
    expect(await leave(server, carol, g.name)).toBe(true);
    expect(await counts(server, carol, g.name)).toEqual({ here: null, total: 1 });
    expect(await counts(server, alice, g.name)).toEqual({ here: 2, total: 2 });
  });

  type Op =
    | { kind: 'send'; user: number }
    | { kind: 'add'; user: number }
    | { kind: 'remove'; user: number }
    | { kind: 'leave'; user: number }
    | { kind: 'read'; user: number }
    | { kind: 'mute'; user: number; muted: boolean }
    | { kind: 'admin'; user: number; admin: boolean };
  const PEOPLE = 4;
  const user = fc.nat(PEOPLE - 1);
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('send' as const), user }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), user }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), user }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), user }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), user }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('mute' as const), user, muted: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('admin' as const), user, admin: fc.boolean() }) },
  );

  test('agree with a model whatever mix of sends, joins, removals, leaves, reads, mutes and admin changes (and so do members and admins)', async ({ server, make }) => {
    const people = await make.users('p0', 'p1', 'p2', 'p3');
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 18 }), async (ops) => {
        const g = await createGroup(server, people[0]!, 'Model', [people[1]!]);
        /** members in the order they joined (a re-added member joins again, last) */
        let members = [0, 1];
        const admins = new Set([0]);
        const unread = new Map<number, number>([[0, 0], [1, 0]]);
        const muted = new Map<number, boolean>([[0, false], [1, false]]);
        const drop = (u: number) => {
          members = members.filter((m) => m !== u);
          admins.delete(u);
          unread.delete(u);
          muted.delete(u);
          if (admins.size === 0 && members.length > 0) admins.add(members[0]!);
        };
        for (const o of ops) {
          const who = people[o.user]!;
          const member = members.includes(o.user);
          const admin = people[[...admins][0]!]!;
          if (o.kind === 'send') {
            const res = await gql(server, SendMessageDocument, { conversation: g.name, content: 'm' }, who.access);
            expect(errorCode(res) ?? 'ok').toBe(member ? 'ok' : 'NOT_FOUND');
            if (member) for (const m of members) if (m !== o.user) unread.set(m, unread.get(m)! + 1);
          } else if (o.kind === 'add') {
            await add(server, admin, g.name, [who]);
            if (!member) {
              members.push(o.user);
              unread.set(o.user, 0);
              muted.set(o.user, false);
            }
          } else if (o.kind === 'remove') {
            // an admin removes someone else
            if (!member || (admins.has(o.user) && admins.size === 1)) continue;
            const by = people[[...admins].find((a) => a !== o.user)!]!;
            await remove(server, by, g.name, who);
            drop(o.user);
          } else if (o.kind === 'leave') {
            if (!member || members.length === 1) continue; // keep the group open
            expect(await leave(server, who, g.name)).toBe(true);
            drop(o.user);
          } else if (o.kind === 'read') {
            if (!member) continue;
            await gqlOk(server, MarkReadDocument, { conversation: g.name }, who.access);
            unread.set(o.user, 0);
          } else if (o.kind === 'admin') {
            // an admin sets the flag of a member
            if (!member) continue;
            const res = await gql(server, SetAdminDocument, { conversation: g.name, username: who.username, admin: o.admin }, admin.access);
            const last = !o.admin && admins.size === 1 && admins.has(o.user);
            expect(refusal(res).reason ?? 'ok').toBe(last ? 'last_admin' : 'ok');
            if (last) continue;
            if (o.admin) admins.add(o.user);
            else admins.delete(o.user);
          } else {
            if (!member) continue;
            await gqlOk(server, SetMutedDocument, { conversation: g.name, muted: o.muted }, who.access);
            muted.set(o.user, o.muted);
          }
        }
        for (const [i, p] of people.entries()) {
          const here = unread.get(i) ?? null;
          const seen = await view(server, p, g.name);
          const what = `${p.username} after ${JSON.stringify(ops)}`;
          expect(seen.conversation?.unreadCount ?? null, what).toBe(here);
          expect(seen.conversation?.muted ?? null, what).toBe(here === null ? null : muted.get(i));
          // each run ends with everyone out of its group: nothing else counts
          expect(seen.unreadCount, what).toBe(here !== null && !muted.get(i) ? here : 0);
          if (seen.conversation) {
            expect(usernames(seen.conversation.admins), what).toEqual(usernames([...admins].map((a) => people[a]!)));
            expect(usernames(seen.conversation.participants), what).toEqual(usernames(members.map((m) => people[m]!)));
          }
        }
        for (const m of members) expect(await leave(server, people[m]!, g.name)).toBe(true);
        for (const p of people) expect((await gqlOk(server, UnreadCountDocument, {}, p.access)).unreadCount, `${p.username} once the group closed`).toBe(0);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
