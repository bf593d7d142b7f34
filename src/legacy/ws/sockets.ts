import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { boundedWebSocketClass } from '../../server/sockets/bounded-websocket.js';
import { keepSocketsAlive } from '../../server/sockets/keepalive.js';
import { watchSocket } from '../../server/sockets/socket-log.js';
import type { OriginOf } from '../../server/origin.js';
import { startChatSocket } from './chat-socket.js';
import { startNotificationSocket } from './notification-socket.js';
import { CLOSE } from './protocol.js';
import type { SocketDeps } from './socket.js';

const CHAT_PATH = /^\/ws\/chat\/([^/]*)\/?$/;
const NOTIFICATION_PATH = /^\/ws\/notification\/?$/;

/**
 * The legacy sockets on one `ws` server. Frames over WS_FRAME_MAX_BYTES get an error frame and the
 * socket stays open; `ws` itself only stops a frame at the hard cap (then it must close with 1009),
 * set well above the limit so a client that overshoots is told rather than cut off.
 */
export function createLegacySockets(deps: SocketDeps & { originOf: OriginOf }) {
  const hardCap = Math.max(deps.limits.wsFrameMaxBytes * 16, 1024 * 1024);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardCap,
    WebSocket: boundedWebSocketClass(
      deps.limits.wsSendBufferMaxBytes,
      (_ws, bufferedBytes) => {
        deps.meter?.limited('ws_send_buffer');
        deps.log.warn({ dialect: 'legacy', bufferedBytes }, 'socket closed: the client reads too slowly');
      },
      deps.meter ? () => deps.meter?.frameSent('legacy') : undefined,
    ),
  });
  const stopPings = keepSocketsAlive(wss, deps.limits.wsPingIntervalSeconds * 1000);
  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean {
      const chat = CHAT_PATH.exec(url.pathname);
      if (!chat && !NOTIFICATION_PATH.test(url.pathname)) return false;
      const token = url.searchParams.get('token');
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => deps.log.debug({ err }, 'legacy socket error'));
        watchSocket(ws, 'legacy', deps.log, deps.meter, (w) => deps.sockets.userOf(w), chat ? '/ws/chat/' : '/ws/notification/');
        const origin = deps.originOf(req);
        if (chat) startChatSocket(ws, deps, origin, token, decodeRoom(chat[1] ?? ''));
        else startNotificationSocket(ws, deps, origin, token);
      });
      return true;
    },
    async close(): Promise<void> {
      stopPings();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function decodeRoom(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
