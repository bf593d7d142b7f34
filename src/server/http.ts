import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import type { FilesService } from '../modules/files/files.service.js';
import { declaredLengthOver, discardBody, readBody } from './body.js';
import { handleFileDownload } from './files-route.js';
import type { Yoga } from './graphql.js';
import type { GraphQLWsServer } from './graphql-ws.js';
import { readGraphQLMultipart } from './graphql-multipart.js';
import { requestUrl } from './request-target.js';
import { answerPreflight, corsHeaders, type CorsPolicy } from './cors.js';
import { sendJson } from './respond.js';
import { handleDemoRequest } from './static-route.js';
import { GraphiQLPage } from './graphiql-route.js';
import { SchemaFile } from './schema-route.js';
import { handleMetricsRequest, type MetricsEndpoint } from './metrics-route.js';
import { isDomainError, type DomainError } from '../errors.js';
import { asDomainError } from '../db/unavailable.js';
import type { RateLimits } from '../modules/limits/rate-limits.js';

/** A transport mounted beside GraphQL (the legacy REST routes and sockets). */
export interface HttpMount {
  /** true when it answered the request */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** true when it took the upgrade */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
}

export interface HttpDeps {
  yoga: Yoga;
  graphqlWs: GraphQLWsServer;
  files: FilesService;
  limits: Limits;
  log: Logger;
  health(): Promise<{ ok: boolean; [k: string]: unknown }>;
  mounts?: HttpMount[];
  rateLimits: RateLimits;
  /** the client's address (TRUSTED_PROXY_HOPS) */
  addressOf(req: IncomingMessage): string;
  cors: CorsPolicy;
  /** GET /metrics (absent: a 404 like any unknown path) */
  metrics?: MetricsEndpoint;
}

/** What the server renders once and serves to everyone. */
interface Pages {
  graphiql: GraphiQLPage;
  schema: SchemaFile;
}

export function createHttpServer(deps: HttpDeps): Server {
  const { limits, log } = deps;
  const pages: Pages = { graphiql: new GraphiQLPage(), schema: new SchemaFile() };
  const server = createServer(
    {
      // a connection must send its (first) request's headers in time, the whole request in time, and an
      // idle keep-alive connection is let go: a connection with no client behind it is not held
      headersTimeout: Math.min(limits.httpHeadersTimeoutMs, limits.httpRequestTimeoutMs),
      requestTimeout: limits.httpRequestTimeoutMs,
      keepAliveTimeout: limits.httpKeepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.httpHeadersTimeoutMs),
    },
    (req, res) => {
      route(deps, pages, req, res).catch((err: unknown) => {
        // a client that went away mid-request is not a server failure
        if (req.destroyed && !req.complete) return void log.debug({ err, path: pathOf(req) }, 'request aborted by the client');
        const known = asDomainError(err);
        if (known?.code === 'UNAVAILABLE' && !res.headersSent) {
          log.warn({ err, path: pathOf(req) }, 'request failed: the database does not answer');
          sendJson(res, 503, { detail: known.message }, { 'retry-after': String(known.details.retryAfter ?? 5) });
          return discardBody(req, limits.httpBodyMaxBytes);
        }
        log.error({ err, method: req.method, path: pathOf(req) }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { detail: 'Internal server error.' });
        else res.destroy();
        discardBody(req, limits.httpBodyMaxBytes);
      });
    },
  );
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // past this point the HTTP server no longer listens for the socket's errors (a reset during the
    // handshake would be unhandled)
    socket.on('error', (err) => {
      log.debug({ err }, 'upgrade socket error');
      socket.destroy();
    });
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    anonymousAllowed(deps, req, url.searchParams.has('token')).then(
      (refusal) => {
        if (refusal) return refuseUpgrade(socket, '429 Too Many Requests', { 'retry-after': String(refusal.details.retryAfter ?? 1) });
        upgrade(deps, req, socket, head, url);
      },
      (err: unknown) => {
        log.error({ err, path: url.pathname }, 'upgrade failed');
        refuseUpgrade(socket, '503 Service Unavailable');
      },
    );
  });
  return server;
}

function upgrade(deps: HttpDeps, req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
  if (url.pathname === '/graphql' || url.pathname === '/graphql/') return deps.graphqlWs.handleUpgrade(req, socket, head);
  for (const mount of deps.mounts ?? []) if (mount.handleUpgrade(req, socket, head, url)) return;
  refuseUpgrade(socket, '404 Not Found');
}

function refuseUpgrade(socket: Duplex, status: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status}\r\n${extra}connection: close\r\ncontent-length: 0\r\n\r\n`);
}

/**
 * RATE_LIMIT_ANONYMOUS_ADDRESS: a request or socket connect that carries no credentials counts against
 * its address (health checks and signed file links are not counted). The refusal, or null.
 */
async function anonymousAllowed(deps: HttpDeps, req: IncomingMessage, hasToken: boolean): Promise<DomainError | null> {
  // a preflight carries no credentials by design (the browser sends them with the request it asks for)
  if (hasToken || req.headers.authorization || req.method === 'OPTIONS') return null;
  try {
    await deps.rateLimits.consume('anonymousAddress', deps.addressOf(req));
    return null;
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
}

async function route(deps: HttpDeps, pages: Pages, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  if (!url) return refuse(deps, req, res, 400, { detail: 'Bad request: the Host header or the request target is not valid.' });
  if (url.pathname === '/health') {
    const health = await deps.health();
    return sendJson(res, health.ok ? 200 : 503, health);
  }
  if (await handleFileDownload(deps.files, req, res, url)) return;
  // the demo's page and assets, and GraphiQL's page: public, not counted as anonymous requests
  if (await handleDemoRequest(req, res, url)) return;
  const graphqlPath = url.pathname === '/graphql' || url.pathname === '/graphql/';
  if (graphqlPath && (await pages.graphiql.handle(req, res))) return;
  if (url.pathname === '/schema.graphql') return pages.schema.handle(req, res, corsHeaders(deps.cors, req));
  const refusal = await anonymousAllowed(deps, req, false);
  if (refusal) {
    const retryAfter = refusal.details.retryAfter ?? 1;
    const body = graphqlPath ? { errors: [{ message: refusal.message, extensions: { code: refusal.code, retryAfter } }] } : { detail: refusal.message };
    return refuse(deps, req, res, 429, body, { 'retry-after': String(retryAfter) });
  }
  if (deps.metrics && (await handleMetricsRequest(deps.metrics, req, res, url, deps.addressOf(req)))) return;
  if (graphqlPath) {
    if (req.method === 'OPTIONS') return answerPreflight(deps.cors, req, res, 'GET, POST, OPTIONS');
    for (const [name, value] of Object.entries(corsHeaders(deps.cors, req))) res.setHeader(name, value);
    return graphql(deps, req, res, url);
  }
  for (const mount of deps.mounts ?? []) if (await mount.handleRequest(req, res, url)) return;
  refuse(deps, req, res, 404, { detail: 'Not found.' });
}

/** Answers before (all of) the body was read, then discards the rest within bounds. */
function refuse(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // a body far past anything this server accepts is not read: the connection goes with the answer
  const hopeless = declaredLengthOver(req, discardLimit(deps.limits));
  sendJson(res, status, body, hopeless ? { ...headers, connection: 'close' } : headers);
  if (!hopeless) discardBody(req, discardLimit(deps.limits));
}

/** The most a refused request's body is read for (the largest body any route accepts). */
const discardLimit = (limits: Limits) => limits.fileMaxBytes + limits.httpBodyMaxBytes;

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

async function graphql(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { limits } = deps;
  // Yoga parses these with a bare JSON.parse (a SyntaxError it reports as a 500)
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (value !== null && !isJsonObject(value)) return refuse(deps, req, res, 400, graphqlError(`The "${name}" parameter must be a JSON object.`, 'BAD_USER_INPUT'));
  }
  const type = req.headers['content-type'] ?? '';
  const request = req as IncomingMessage & { body?: unknown };
  let multipart = false;
  if (req.method === 'POST' && type.startsWith('multipart/form-data')) {
    const parsed = await readGraphQLMultipart(req, res, limits);
    if (!parsed.ok) return refuse(deps, req, res, parsed.status, graphqlError(parsed.message, parsed.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT'));
    request.body = parsed.body;
    multipart = true;
  } else if (req.method === 'POST') {
    const tooLarge = () => refuse(deps, req, res, 413, graphqlError(`Request body is larger than ${limits.httpBodyMaxBytes} bytes.`, 'PAYLOAD_TOO_LARGE'));
    if (declaredLengthOver(req, limits.httpBodyMaxBytes)) return tooLarge();
    const body = await readBody(req, limits.httpBodyMaxBytes);
    if (body === null) return tooLarge();
    request.body = preParsed(body.toString('utf8'));
  }
  // Yoga's request listener puts the node `req` (and `res`) into the server context and sends the response.
  await deps.yoga.requestListener(req, res);
  // an upload the operation refused before reading it (unauthenticated, not a participant...)
  if (multipart) discardBody(req, discardLimit(limits));
}

/**
 * What Yoga is handed as `req.body` (ADR 013): it takes a non-empty object as the parsed JSON body and
 * a string as the body's text, instead of piping the request stream. Not a string when the JSON
 * parses: Yoga tests a body with Object.keys, which on a string makes an array of every index. Text
 * that is not a JSON object (Yoga answers it as it would) stays text, and no text becomes a blank.
 */
function preParsed(text: string): object | string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) return value;
  } catch {
    // Yoga reports the syntax error itself
  }
  return text || ' ';
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

/** The path alone for logs (a query string may carry a token). */
function pathOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0] ?? '';
}
