import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { processRequest } from 'graphql-upload-minimal';
import type { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import type { FilesService } from '../modules/files/files.service.js';
import { readBody } from './body.js';
import { handleFileDownload } from './files-route.js';
import type { Yoga } from './graphql.js';
import { sendJson } from './respond.js';
import { handleDemoRequest } from './static-route.js';

/** A transport mounted beside GraphQL (the legacy REST routes and sockets). */
export interface HttpMount {
  /** true when it answered the request */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** true when it took the upgrade */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
}

export interface HttpDeps {
  yoga: Yoga;
  graphqlWs: WebSocketServer;
  files: FilesService;
  limits: Limits;
  log: Logger;
  health(): Promise<{ ok: boolean; [k: string]: unknown }>;
  mounts?: HttpMount[];
}

export function createHttpServer(deps: HttpDeps): Server {
  const server = createServer((req, res) => {
    route(deps, req, res).catch((err: unknown) => {
      deps.log.error({ err, url: req.url }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { detail: 'Internal server error.' });
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql' || url.pathname === '/graphql/') {
      deps.graphqlWs.handleUpgrade(req, socket, head, (ws) => deps.graphqlWs.emit('connection', ws, req));
      return;
    }
    for (const mount of deps.mounts ?? []) if (mount.handleUpgrade(req, socket, head, url)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  return server;
}

async function route(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/graphql' || url.pathname === '/graphql/') return graphql(deps, req, res);
  if (url.pathname === '/health') {
    const health = await deps.health();
    return sendJson(res, health.ok ? 200 : 503, health);
  }
  if (await handleFileDownload(deps.files, req, res, url)) return;
  if (await handleDemoRequest(req, res, url)) return;
  for (const mount of deps.mounts ?? []) if (await mount.handleRequest(req, res, url)) return;
  sendJson(res, 404, { detail: 'Not found.' });
}

async function graphql(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && type.startsWith('multipart/form-data')) {
    try {
      (req as IncomingMessage & { body?: unknown }).body = await processRequest(req, res, {
        // busboy cuts (and marks truncated) a file that *reaches* its limit: one byte more lets a file of
        // exactly FILE_MAX_BYTES through, and FilesService refuses anything past it
        maxFileSize: deps.limits.fileMaxBytes + 1,
        maxFiles: 1,
        maxFieldSize: deps.limits.httpBodyMaxBytes,
      });
    } catch (e) {
      const status = (e as { status?: number }).status ?? 400;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
      return sendJson(res, status, { errors: [{ message: (e as Error).message, extensions: { code } }] });
    }
  } else if (req.method === 'POST') {
    const tooLarge = () =>
      sendJson(res, 413, { errors: [{ message: `Request body is larger than ${deps.limits.httpBodyMaxBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > deps.limits.httpBodyMaxBytes) return tooLarge();
    const body = await readBody(req, deps.limits.httpBodyMaxBytes);
    if (body === null) return tooLarge();
    (req as IncomingMessage & { body?: unknown }).body = preParsed(body.toString('utf8'));
  }
  // Yoga's request listener puts the node `req` (and `res`) into the server context and sends the response.
  await deps.yoga.requestListener(req, res);
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
