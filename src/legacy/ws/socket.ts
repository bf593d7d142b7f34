import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Limits } from '../../config.js';
import { DomainError, isDomainError } from '../../errors.js';
import type { Services } from '../../modules/services.js';
import type { Viewer } from '../../modules/types.js';
import type { TokenAuth } from '../../modules/users/users.service.js';
import { WS_CLOSE } from '../../server/sockets/close-codes.js';
import type { SessionEnd, SocketSessions } from '../../server/sockets/socket-sessions.js';
import type { WriteCoalescer } from '../../server/sockets/write-coalescer.js';
import type { LiveFrames } from './live-frames.js';
import type { ServerMeter } from '../../server/meter.js';
import { asDomainError } from '../../db/unavailable.js';
import { AUTH_MESSAGES, CLOSE, frames, isFrameError, parseFrame, type ClientFrame } from './protocol.js';

export interface SocketDeps {
  services: Services;
  limits: Limits;
  log: Logger;
  liveFrames: LiveFrames;
  /** live frames (fan-out) go through it: one write per socket per burst */
  writes: WriteCoalescer;
  sockets: SocketSessions;
  /** metrics (connections, frames, limits, errors) */
  meter?: ServerMeter;
}

/** Compact JSON text frame (an object, or bytes already rendered); dropped when the socket is no longer open. */
export function sendFrame(ws: WebSocket, frame: object | Buffer): void {
  if (ws.readyState !== ws.OPEN) return;
  if (Buffer.isBuffer(frame)) ws.send(frame, { binary: false });
  else ws.send(JSON.stringify(frame));
}

/** The WS error table: a DomainError's snake_case reason (or its code) and its message. */
export function errorFrameFor(e: DomainError) {
  const frame = frames.error(e.details.reason ?? e.code.toLowerCase(), e.message);
  return e.details.retryAfter === undefined ? frame : { ...frame, retry_after: e.details.retryAfter };
}

/**
 * The access token's user, or: the one `{"msg"}` frame and close 4001; or, when the user already holds
 * WS_CONNECTIONS_PER_USER sockets here, an error frame and close 4429.
 */
export async function authenticateSocket(ws: WebSocket, deps: Pick<SocketDeps, 'services' | 'sockets' | 'limits' | 'meter'>, token: string | null): Promise<Viewer | null> {
  let auth: TokenAuth;
  try {
    auth = await deps.services.users.authenticateToken(token);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'UNAUTHENTICATED') throw e;
    sendFrame(ws, frames.authFailure(e.details.reason === 'expired' ? AUTH_MESSAGES.expired : AUTH_MESSAGES.unauthenticated));
    ws.close(CLOSE.authFailed, 'authentication failed');
    return null;
  }
  const viewer = auth.viewer;
  // the socket lives as long as its token (unless renewed) and its session: then the same goodbye as a refused connect
  const end = (why: SessionEnd) => {
    sendFrame(ws, frames.authFailure(why === 'expired' ? AUTH_MESSAGES.expired : AUTH_MESSAGES.unauthenticated));
    ws.close(CLOSE.authFailed, why === 'expired' ? 'token expired' : 'session ended');
  };
  if (!deps.sockets.claim(ws, auth, end)) {
    deps.meter?.limited('ws_connections_per_user');
    sendFrame(ws, frames.error('too_many_connections', `At most ${deps.limits.wsConnectionsPerUser} connections per user.`));
    ws.close(WS_CLOSE.tooManyConnections, 'too many connections');
    return null;
  }
  return viewer;
}

/**
 * `{"type":"authenticate","token":…}`: a fresh access token of the same user keeps the socket open past
 * the old one's expiry (answered `token_renewed`); a bad one gets an error frame and changes nothing.
 */
export async function renewSocket(ws: WebSocket, deps: Pick<SocketDeps, 'services' | 'sockets'>, token: string): Promise<void> {
  const auth = await deps.services.users.authenticateToken(token);
  if (!deps.sockets.renew(ws, auth)) throw new DomainError('FORBIDDEN', 'That token is another user\'s.', { reason: 'wrong_user' });
  sendFrame(ws, frames.tokenRenewed(new Date(auth.expiresAt).toISOString()));
}

/** A received frame: decoded, or the error frame to answer with (size, binary, JSON, shape). */
export function decodeFrame(data: RawData, isBinary: boolean, maxBytes: number): ClientFrame | { reply: object } {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (bytes.length > maxBytes) return { reply: frames.error('frame_too_large', `Frames may be at most ${maxBytes} bytes.`) };
  if (isBinary) return { reply: frames.error('invalid_json', 'Frames must be JSON text, not binary.') };
  const frame = parseFrame(bytes.toString('utf8'));
  return isFrameError(frame) ? { reply: frames.error(frame.error.code, frame.error.msg) } : frame;
}

/**
 * Runs a socket's work one task at a time, in arrival order (a client's messages are stored in the
 * order it sent them), and stops reading from the socket while too much is waiting.
 */
export class Inbox {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly onError: (e: unknown) => void,
    private readonly highWater = 64,
  ) {}

  push(task: () => Promise<void> | void): void {
    this.#pending += 1;
    if (this.#pending === this.highWater) this.ws.pause();
    this.#tail = this.#tail
      .then(task)
      .catch(this.onError)
      .finally(() => {
        this.#pending -= 1;
        if (this.#pending === this.highWater / 2) this.ws.resume();
      });
  }
}

/**
 * The connect sequence failed: a database that does not answer gets an `unavailable` error frame (with
 * retry_after) and 1013 (try again later); anything else is logged and closed with 1011, the one honest code.
 */
export function failedToOpen(ws: WebSocket, deps: Pick<SocketDeps, 'log'>, err: unknown): void {
  const known = asDomainError(err);
  if (known?.code === 'UNAVAILABLE') {
    deps.log.warn({ err }, 'legacy socket could not open: the database does not answer');
    sendFrame(ws, errorFrameFor(known));
    return ws.close(WS_CLOSE.tryAgainLater, 'try again later');
  }
  deps.log.error({ err }, 'legacy socket failed to open');
  ws.close(CLOSE.serverError, 'server error');
}

/** What to do with an unexpected error on a socket: log it, tell the client without details, keep going. */
export function socketErrorHandler(ws: WebSocket, { log, meter }: Pick<SocketDeps, 'log' | 'meter'>) {
  return (err: unknown) => {
    const e = asDomainError(err) ?? err;
    meter?.error(isDomainError(e) ? e.code : 'INTERNAL_SERVER_ERROR');
    if (isDomainError(e)) return sendFrame(ws, errorFrameFor(e));
    log.error({ err: e }, 'legacy socket task failed');
    sendFrame(ws, frames.error('internal_error', 'Something went wrong; the frame was not processed.'));
  };
}
