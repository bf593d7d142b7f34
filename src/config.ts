import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';

/** Every setting and limit the server has, read once from the environment at the composition root. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** `file:` (or unset) = embedded SQLite under DATA_DIR; `postgres://` / `postgresql://` = PostgreSQL. */
  DATABASE_URL: z.string().optional(),
  /** PostgreSQL connections per node (each node has its own pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** How long a write transaction may wait for a pooled connection before failing. */
  DATABASE_TX_WAIT_MS: z.coerce.number().int().positive().default(5000),
  /** PostgreSQL: a new connection must be made within this time. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** PostgreSQL: a statement must be answered within this time (the server cancels it, the client stops waiting): a stalled database fails requests instead of hanging them. */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** PostgreSQL: a statement waits at most this long for a row lock. */
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** SQLite: checkpoint the WAL from a background thread this often (0: SQLite's automatic checkpoint inside commits, on the main thread). */
  SQLITE_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(250),
  /** SQLite: stored messages enter the search index this long after they are stored, in batches (a search first indexes what is left). */
  SEARCH_INDEX_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(100),
  /** SQLite: the most messages one search-indexing transaction takes (it holds the write lock meanwhile). */
  SEARCH_INDEX_BATCH_ROWS: z.coerce.number().int().min(1).max(10_000).default(512),
  /** Apply pending migrations at start-up (an advisory lock makes concurrent nodes take turns); false: run `npm run migrate` yourself. */
  MIGRATE_ON_START: z.enum(['true', 'false', '1', '0']).default('true'),
  /** `redis://…` / `rediss://…`: carry realtime events and presence between nodes. Unset: one node, in-process bus. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Prefix of every Redis channel and key this deployment uses (several deployments can share one Redis). */
  REDIS_KEY_PREFIX: z.string().default('chat:'),
  /** A Redis command (publish, presence update, health ping) that gets no answer in this time fails instead of waiting. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** Each node renews a heartbeat key with this TTL every third of it; a node silent for longer is dead and its connections stop counting. */
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(1).default(15),
  /** This node's name in logs, health and Redis presence keys. Default: <hostname>-<pid>-<random>. */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - (at most 100)').optional(),
  /** HS256 key. Unset: generated on first start and kept in DATA_DIR/jwt-secret. */
  JWT_SECRET: z.string().min(1).optional(),
  /** Origins browser pages may call the API from, comma-separated (`https://app.example.com,https://admin.example.com`), or `*`: any (never with credentials). */
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v, ctx): '*' | string[] => {
      if (v.trim() === '*') return '*';
      const list = v.split(',').map((o) => o.trim()).filter(Boolean);
      const bad = list.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
      if (bad !== undefined || list.length === 0) {
        ctx.addIssue({ code: 'custom', message: `origins like https://app.example.com (scheme and host, no path), comma-separated, or *${bad ? ` (got ${bad})` : ''}` });
        return z.NEVER;
      }
      return list;
    }),
  /** Bearer token Prometheus sends for GET /metrics. Unset: /metrics answers only clients on loopback and private networks. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Public origin used for absolute URLs (file links, legacy `next`/`previous`); default from the request. */
  PUBLIC_URL: z.string().url().optional(),
  /** On SIGTERM/SIGINT the server stops accepting, lets requests in flight finish and closes sockets (1001) within this time, then exits. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(100 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(24 * 60 * 60),
  /** A refresh token just replaced, presented again within this time, gets the current pair again (its answer was lost) instead of revoking the session. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).default(10),
  /** Every node looks this often whether the users and sessions behind its sockets were ended outside the server (SQL, another tool). */
  SESSION_RECHECK_SECONDS: z.coerce.number().int().positive().default(60),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(1).default(8),
  PASSWORD_MAX_LENGTH: z.coerce.number().int().min(1).default(1024),
  USERNAME_MAX_LENGTH: z.coerce.number().int().min(1).max(150).default(150),

  MESSAGE_MAX_LENGTH: z.coerce.number().int().positive().default(4096),
  CLIENT_ID_MAX_LENGTH: z.coerce.number().int().positive().default(128),
  FILE_MAX_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  FILE_URL_TTL_SECONDS: z.coerce.number().int().positive().default(60 * 60),
  GROUP_MAX_PARTICIPANTS: z.coerce.number().int().min(2).default(1000),
  /** Longest named-group title, in characters (ADR 026). */
  CONVERSATION_TITLE_MAX_LENGTH: z.coerce.number().int().min(1).default(100),
  PAGE_DEFAULT_SIZE: z.coerce.number().int().positive().default(50),
  PAGE_MAX_SIZE: z.coerce.number().int().positive().default(100),
  /** Largest HTTP body accepted for JSON requests (multipart uploads are bounded by FILE_MAX_BYTES). */
  HTTP_BODY_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Every WebSocket is pinged this often; one that missed the previous ping is dropped (0: never). */
  WS_PING_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(30),
  /** Largest WebSocket frame accepted, both dialects. */
  WS_FRAME_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  /** Events a subscription may have waiting for a slow client (where they queue at all) before it is ended with LIMIT_EXCEEDED. */
  SUBSCRIPTION_BACKLOG_MAX: z.coerce.number().int().positive().default(1000),
  /** Rows read per query while a subscription replays what came after its `after` cursor. */
  REPLAY_BATCH_SIZE: z.coerce.number().int().positive().default(500),
  /** How long a live message waits for its predecessor (published on another node) before the gap is read from the database. */
  LIVE_ORDER_WAIT_MS: z.coerce.number().int().positive().default(300),
  /** Different emoji one message may carry (a user adding one more is refused with LIMIT_EXCEEDED). */
  REACTIONS_PER_MESSAGE_MAX: z.coerce.number().int().positive().default(20),
  /** Users one user may have blocked at once (one more is refused with LIMIT_EXCEEDED): every live feed of theirs holds the set. */
  BLOCKS_PER_USER_MAX: z.coerce.number().int().positive().default(1000),
  /** A `typing: true` not renewed within this time ends by itself (subscribers get `typing: false`). */
  TYPING_TTL_SECONDS: z.coerce.number().positive().default(6),
  /** How long an authenticated user is trusted to still exist and be active (0: check every request). */
  AUTH_USER_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(5),
  /** Tokens whose signature was already checked, kept per node (expiry and type are still checked on every use; 0: none). */
  AUTH_TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
  /** Most messages written in one group-commit transaction (messages arriving during a write wait for the next). */
  SEND_BATCH_MAX: z.coerce.number().int().min(1).default(256),
  /** Conversation names kept resolved in memory per node (saves two queries per message). */
  MEMBERSHIP_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
  /** How long a resolved name is trusted (a deactivated user stops resolving within this time). */
  MEMBERSHIP_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(60),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(2000),

  /** A connection must send a request's headers within this time (also a new connection's first request). */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(10),
  /** A request (headers and body, uploads included) must arrive whole within this time. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
  /** An idle keep-alive connection is closed after this time. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(5),
  /** Bytes a WebSocket may have waiting to be sent (both dialects); past it the socket is closed with 1013. */
  WS_SEND_BUFFER_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Operations at once on one graphql-ws connection; one more gets a LIMIT_EXCEEDED error. */
  WS_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(100),
  /** WebSockets one user may hold open on one node (both dialects); one more is closed with 4429. */
  WS_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(100),
  /** A graphql-ws socket without a token must authenticate an operation within this time, or is closed with 4401. */
  WS_AUTH_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(10),
  /** Proxies in front of the server that append to X-Forwarded-For (0: use the socket's address). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  /** Rate limits, `<requests>/<window>` (s, m, h) or `off`. Per user: message sends, text and files. */
  RATE_LIMIT_MESSAGES: rateSetting('60/10s'),
  /** Per user: typing and read-mark frames and mutations. */
  RATE_LIMIT_SIGNALS: rateSetting('120/10s'),
  /** Per username: failed logins before the account refuses logins for the rest of the window. */
  RATE_LIMIT_LOGIN_ACCOUNT: rateSetting('10/15m'),
  /** Per client address: failed logins. */
  RATE_LIMIT_LOGIN_ADDRESS: rateSetting('50/15m'),
  /** Per client address: registrations. */
  RATE_LIMIT_REGISTER_ADDRESS: rateSetting('20/1h'),
  /** Per client address: requests and socket connects that carry no credentials. */
  RATE_LIMIT_ANONYMOUS_ADDRESS: rateSetting('300/1m'),
});

/** `<points>/<n><s|m|h>` → a rate; `off` (or 0) → none. */
function rateSetting(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx): Rate | null => {
      if (text === 'off' || text === '0') return null;
      const m = /^(\d{1,9})\/(\d{0,6})(s|m|h)$/.exec(text);
      const points = Number(m?.[1]);
      const seconds = Number(m?.[2] || 1) * ({ s: 1, m: 60, h: 3600 } as const)[(m?.[3] ?? 's') as 's' | 'm' | 'h'];
      if (!m || points < 1 || seconds < 1) {
        ctx.addIssue({ code: 'custom', message: 'use <requests>/<window>, e.g. 60/10s, 10/15m, 20/1h, or off' });
        return z.NEVER;
      }
      return { points, durationSeconds: seconds };
    });
}

/** At most `points` within a window of `durationSeconds` (the first refusal says when the window ends). */
export interface Rate {
  points: number;
  durationSeconds: number;
}

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** set when REDIS_URL is: the bus and presence go through Redis */
  redis: RedisConfig | undefined;
  presenceTtlSeconds: number;
  nodeId: string;
  jwtSecret: string | undefined;
  publicUrl: string | undefined;
  corsOrigins: '*' | string[];
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  limits: Limits;
}

export type DatabaseConfig = ({ kind: 'sqlite'; file: string; checkpointIntervalMs: number } | { kind: 'postgres'; url: string; poolSize: number }) & {
  transactionWaitMs: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  lockTimeoutMs: number;
  migrateOnStart: boolean;
};

export interface RedisConfig {
  url: string;
  keyPrefix: string;
  commandTimeoutMs: number;
}

export interface Limits {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
  sessionRecheckSeconds: number;
  passwordMinLength: number;
  passwordMaxLength: number;
  usernameMaxLength: number;
  messageMaxLength: number;
  clientIdMaxLength: number;
  fileMaxBytes: number;
  fileUrlTtlSeconds: number;
  groupMaxParticipants: number;
  conversationTitleMaxLength: number;
  pageDefaultSize: number;
  pageMaxSize: number;
  httpBodyMaxBytes: number;
  wsFrameMaxBytes: number;
  wsPingIntervalSeconds: number;
  replayBatchSize: number;
  subscriptionBacklogMax: number;
  liveOrderWaitMs: number;
  typingTtlMs: number;
  reactionsPerMessageMax: number;
  blocksPerUserMax: number;
  authUserCacheTtlSeconds: number;
  authTokenCacheSize: number;
  sendBatchMax: number;
  membershipCacheSize: number;
  membershipCacheTtlSeconds: number;
  graphqlMaxDepth: number;
  graphqlMaxTokens: number;
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  httpKeepAliveTimeoutMs: number;
  wsSendBufferMaxBytes: number;
  wsSubscriptionsPerConnection: number;
  wsConnectionsPerUser: number;
  wsAuthTimeoutMs: number;
  trustedProxyHops: number;
  /** SQLite: delay from a stored message to its search-indexing batch */
  searchIndexDelayMs: number;
  /** SQLite: messages per search-indexing transaction, at most */
  searchIndexBatchRows: number;
  rates: RateLimitSettings;
}

/** The rate limits by name (null: off). */
export interface RateLimitSettings {
  messages: Rate | null;
  signals: Rate | null;
  loginAccount: Rate | null;
  loginAddress: Rate | null;
  registerAddress: Rate | null;
  anonymousAddress: Rate | null;
}

export class ConfigError extends Error {}

/** For entry points: the configuration, or the reason it is invalid on stderr and exit code 2. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    database: {
      ...parseDatabaseUrl(e.DATABASE_URL, e.DATA_DIR, e.DATABASE_POOL_SIZE, e.SQLITE_CHECKPOINT_INTERVAL_MS),
      transactionWaitMs: e.DATABASE_TX_WAIT_MS,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
      lockTimeoutMs: e.DATABASE_LOCK_TIMEOUT_MS,
      migrateOnStart: e.MIGRATE_ON_START === 'true' || e.MIGRATE_ON_START === '1',
    },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS } : undefined,
    presenceTtlSeconds: e.PRESENCE_TTL_SECONDS,
    nodeId: e.NODE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`.replace(/[^A-Za-z0-9._-]/g, '-'),
    jwtSecret: e.JWT_SECRET,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    corsOrigins: e.CORS_ORIGINS,
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    limits: {
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
      sessionRecheckSeconds: e.SESSION_RECHECK_SECONDS,
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
      passwordMaxLength: e.PASSWORD_MAX_LENGTH,
      usernameMaxLength: e.USERNAME_MAX_LENGTH,
      messageMaxLength: e.MESSAGE_MAX_LENGTH,
      clientIdMaxLength: e.CLIENT_ID_MAX_LENGTH,
      fileMaxBytes: e.FILE_MAX_BYTES,
      fileUrlTtlSeconds: e.FILE_URL_TTL_SECONDS,
      groupMaxParticipants: e.GROUP_MAX_PARTICIPANTS,
      conversationTitleMaxLength: e.CONVERSATION_TITLE_MAX_LENGTH,
      pageDefaultSize: e.PAGE_DEFAULT_SIZE,
      pageMaxSize: e.PAGE_MAX_SIZE,
      httpBodyMaxBytes: e.HTTP_BODY_MAX_BYTES,
      wsFrameMaxBytes: e.WS_FRAME_MAX_BYTES,
      wsPingIntervalSeconds: e.WS_PING_INTERVAL_SECONDS,
      replayBatchSize: e.REPLAY_BATCH_SIZE,
      subscriptionBacklogMax: e.SUBSCRIPTION_BACKLOG_MAX,
      liveOrderWaitMs: e.LIVE_ORDER_WAIT_MS,
      typingTtlMs: Math.round(e.TYPING_TTL_SECONDS * 1000),
      reactionsPerMessageMax: e.REACTIONS_PER_MESSAGE_MAX,
      blocksPerUserMax: e.BLOCKS_PER_USER_MAX,
      authUserCacheTtlSeconds: e.AUTH_USER_CACHE_TTL_SECONDS,
      authTokenCacheSize: e.AUTH_TOKEN_CACHE_SIZE,
      sendBatchMax: e.SEND_BATCH_MAX,
      membershipCacheSize: e.MEMBERSHIP_CACHE_SIZE,
      membershipCacheTtlSeconds: e.MEMBERSHIP_CACHE_TTL_SECONDS,
      graphqlMaxDepth: e.GRAPHQL_MAX_DEPTH,
      graphqlMaxTokens: e.GRAPHQL_MAX_TOKENS,
      httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      httpRequestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      httpKeepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      wsSendBufferMaxBytes: e.WS_SEND_BUFFER_MAX_BYTES,
      wsSubscriptionsPerConnection: e.WS_SUBSCRIPTIONS_PER_CONNECTION,
      wsConnectionsPerUser: e.WS_CONNECTIONS_PER_USER,
      wsAuthTimeoutMs: e.WS_AUTH_TIMEOUT_SECONDS * 1000,
      trustedProxyHops: e.TRUSTED_PROXY_HOPS,
      searchIndexDelayMs: e.SEARCH_INDEX_DELAY_MS,
      searchIndexBatchRows: e.SEARCH_INDEX_BATCH_ROWS,
      rates: {
        messages: e.RATE_LIMIT_MESSAGES,
        signals: e.RATE_LIMIT_SIGNALS,
        loginAccount: e.RATE_LIMIT_LOGIN_ACCOUNT,
        loginAddress: e.RATE_LIMIT_LOGIN_ADDRESS,
        registerAddress: e.RATE_LIMIT_REGISTER_ADDRESS,
        anonymousAddress: e.RATE_LIMIT_ANONYMOUS_ADDRESS,
      },
    },
  };
}

function parseDatabaseUrl(url: string | undefined, dataDir: string, poolSize: number, checkpointIntervalMs: number) {
  if (!url) return { kind: 'sqlite', file: `${dataDir.replace(/\/+$/, '')}/chat.db`, checkpointIntervalMs } as const;
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url, poolSize } as const;
  if (url.startsWith('file:')) return { kind: 'sqlite', file: url.slice('file:'.length), checkpointIntervalMs } as const;
  throw new ConfigError(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got ${url.split(':')[0]}:)`);
}
