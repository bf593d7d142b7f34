import type { Limits } from '../config.js';
import type { Db } from '../db/database.js';
import type { SqliteConnection } from '../db/sqlite-connection.js';
import type { Bus } from '../realtime/bus.js';
import type { TokenSettings } from '../auth/tokens.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { FilesService } from './files/files.service.js';
import type { RateLimits } from './limits/rate-limits.js';
import { MessagesService } from './messages/messages.service.js';
import { PrismaMessageStore } from './messages/prisma-message-store.js';
import { SqliteMessageStore } from './messages/sqlite-message-store.js';
import { PresenceService } from './presence/presence.service.js';
import { MemoryPresenceStore, type PresenceStore } from './presence/presence.store.js';
import { TypingService } from './typing/typing.service.js';
import { UsersService } from './users/users.service.js';

/** Every domain service, built once by the composition root and handed to each transport. */
export interface Services {
  users: UsersService;
  conversations: ConversationsService;
  messages: MessagesService;
  typing: TypingService;
  presence: PresenceService;
  files: FilesService;
}

export interface ServiceDeps {
  db: Db;
  /** SQLite: Prisma's connection, for the messages module's own statements; absent on PostgreSQL */
  sqlite?: SqliteConnection;
  bus: Bus;
  limits: Limits;
  tokens: TokenSettings;
  dataDir: string;
  /** connection counts; defaults to this process's memory */
  presenceStore?: PresenceStore;
  rateLimits: RateLimits;
}

export function createServices(deps: ServiceDeps): Services {
  const users = new UsersService(deps.db, deps.tokens, deps.limits, deps.rateLimits);
  const conversations = new ConversationsService(deps.db, deps.limits);
  const files = new FilesService(deps.db, deps.dataDir, deps.tokens.secret, deps.limits);
  return {
    users,
    conversations,
    files,
    messages: new MessagesService(deps.sqlite ? new SqliteMessageStore(deps.sqlite) : new PrismaMessageStore(deps.db), deps.bus, conversations, files, deps.limits, deps.rateLimits),
    typing: new TypingService(deps.bus, conversations, deps.rateLimits),
    presence: new PresenceService(deps.bus, deps.presenceStore ?? new MemoryPresenceStore()),
  };
}
