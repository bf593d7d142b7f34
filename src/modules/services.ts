import type { Limits } from '../config.js';
import type { Db } from '../db/database.js';
import type { SqliteConnection } from '../db/sqlite-connection.js';
import type { TokenSettings } from '../auth/tokens.js';
import type { LiveStreams } from '../realtime/live-streams.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { postgresRunner, sqliteRunner } from './conversations/group-script.js';
import { GroupStore } from './conversations/group-store.js';
import { GroupsService } from './conversations/groups.service.js';
import type { EventBus } from './events.js';
import { FilesService } from './files/files.service.js';
import type { RateLimits } from './limits/rate-limits.js';
import type { Telemetry } from './telemetry.js';
import { LiveEvents } from './live-events.js';
import { MessageFeeds } from './messages/message-feeds.js';
import { MessageSearch } from './messages/message-search.js';
import { MessageChanges } from './messages/message-changes.js';
import { MessageReactions } from './messages/message-reactions.js';
import { changeEvents } from './messages/change-events.js';
import type { MessageStore } from './messages/message-store.js';
import { toChatMessage } from './messages/message.mapper.js';
import { MessagesService } from './messages/messages.service.js';
import { PostgresMessageStore } from './messages/postgres-message-store.js';
import { SqliteMessageStore } from './messages/sqlite-message-store.js';
import { SqliteSearchIndex } from './messages/sqlite-search-index.js';
import { BlocksService } from './people/blocks.service.js';
import { LastSeen } from './people/last-seen.js';
import { PresenceService } from './presence/presence.service.js';
import { SessionsService } from './sessions/sessions.service.js';
import { MemoryPresenceStore, type PresenceStore } from './presence/presence.store.js';
import { TypingService } from './typing/typing.service.js';
import { UsersService } from './users/users.service.js';

/** Every domain service, built once by the composition root and handed to each transport. */
export interface Services {
  users: UsersService;
  sessions: SessionsService;
  conversations: ConversationsService;
  /** named groups: their members, admins and titles */
  groups: GroupsService;
  messages: MessagesService;
  /** emoji on messages */
  reactions: MessageReactions;
  /** edits and deletes of sent messages */
  changes: MessageChanges;
  /** finding messages again (searchMessages) */
  search: MessageSearch;
  /** the live side of messages: what subscriptions and sockets follow */
  messageFeeds: MessageFeeds;
  /** the shared live streams (a recovered link between nodes is announced through them) */
  live: LiveEvents;
  typing: TypingService;
  presence: PresenceService;
  /** one user's private refusal of another */
  blocks: BlocksService;
  /** when users' last connections closed */
  lastSeen: LastSeen;
  files: FilesService;
  /** SQLite: the search index, caught up off the send path (ADR 027); null on PostgreSQL */
  searchIndex: SqliteSearchIndex | null;
}

export interface ServiceDeps {
  db: Db;
  /** SQLite: Prisma's connection, for the messages module's own statements; absent on PostgreSQL */
  sqlite?: SqliteConnection;
  bus: EventBus;
  /** this node's shared live streams (one per conversation and user) */
  streams: LiveStreams;
  limits: Limits;
  tokens: TokenSettings;
  dataDir: string;
  /** connection counts; defaults to this process's memory */
  presenceStore?: PresenceStore;
  rateLimits: RateLimits;
  /** where background failures (a resync that could not read) are reported */
  onError: (error: unknown) => void;
  /** metrics of the domain's own work (none: not measured) */
  telemetry?: Telemetry;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, bus, limits, rateLimits } = deps;
  const searchIndex = deps.sqlite ? new SqliteSearchIndex(deps.sqlite, { delayMs: limits.searchIndexDelayMs, batchRows: limits.searchIndexBatchRows }, deps.onError) : null;
  const store: MessageStore = deps.sqlite && searchIndex ? new SqliteMessageStore(deps.sqlite, searchIndex) : new PostgresMessageStore(db);
  // what the previous run stored and did not index yet
  searchIndex?.soon();
  const live: LiveEvents = new LiveEvents(
    bus,
    deps.streams,
    {
      lastSeq: (conversationId) => store.lastSeq(conversationId),
      between: async (conversation, after, upTo) => (await store.oldestAfter(conversation.id, after, upTo, limits.replayBatchSize)).map((row) => toChatMessage(row, conversation)),
      lastEventSeq: () => store.lastEventSeq(),
      changesBetween: async (after, upTo) => changeEvents(await store.changesAfter('all', after, upTo, limits.replayBatchSize), (ids) => conversations.membersOf(ids)),
    },
    { orderWaitMs: limits.liveOrderWaitMs, typingTtlMs: limits.typingTtlMs },
    deps.onError,
    deps.telemetry,
  );
  const sessions = new SessionsService(db, deps.tokens, bus, live, limits);
  const users = new UsersService(db, sessions, deps.tokens, limits, rateLimits, live);
  const lastSeen = new LastSeen(db);
  const blocks: BlocksService = new BlocksService(db, bus, live, rateLimits, (userId) => store.unreadTotal(userId), limits);
  const conversations: ConversationsService = new ConversationsService(db, store, blocks, live, limits);
  const files = new FilesService(store, deps.dataDir, deps.tokens.secret, limits);
  const groupStore = new GroupStore(deps.sqlite ? sqliteRunner(deps.sqlite) : postgresRunner(db));
  return {
    users,
    sessions,
    conversations,
    groups: new GroupsService(users, groupStore, conversations, bus, rateLimits, limits),
    files,
    messages: new MessagesService(store, bus, conversations, files, limits, rateLimits, deps.telemetry),
    changes: new MessageChanges(store, bus, conversations, files, rateLimits, limits),
    reactions: new MessageReactions(store, bus, conversations, rateLimits, limits),
    search: new MessageSearch(store, conversations, limits),
    messageFeeds: new MessageFeeds(live, store, limits, (ids) => conversations.membersOf(ids)),
    live,
    typing: new TypingService(bus, live, conversations, blocks, rateLimits, limits),
    presence: new PresenceService(bus, live, deps.presenceStore ?? new MemoryPresenceStore(), blocks, (userId, at) => lastSeen.set(userId, at), limits),
    blocks,
    lastSeen,
    searchIndex,
  };
}
