import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Dialect, ServerMeter } from '../meter.js';

/**
 * Counts an open socket (metrics) and logs it at `info` when it opens and when it closes: dialect, path
 * (legacy), the user it belonged to, how long it lived and its close code. Never its URL's query (a token).
 */
export function watchSocket(ws: WebSocket, dialect: Dialect, log: Logger, meter: ServerMeter | undefined, userOf: (ws: WebSocket) => number | undefined, path?: string): void {
  const openedAt = performance.now();
  const closed = meter?.socketOpened(dialect);
  log.info({ dialect, path }, 'socket opened');
  ws.once('close', (code: number) => {
    closed?.();
    log.info({ dialect, path, userId: userOf(ws), code, seconds: Math.round(performance.now() - openedAt) / 1000 }, 'socket closed');
  });
}
