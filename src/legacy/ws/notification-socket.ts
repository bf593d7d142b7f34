import type { WebSocket } from 'ws';
import type { NotificationItem } from '../../modules/messages/message-feeds.js';
import { EventsMissed } from '../../modules/live-events.js';
import { WS_CLOSE } from '../../server/sockets/close-codes.js';
import { frames } from './protocol.js';
import { Inbox, authenticateSocket, decodeFrame, failedToOpen, renewSocket, socketErrorHandler, type SocketDeps } from './socket.js';

/**
 * ws/notification/: the user's unread count on connect, then new_message_notification + unread_count
 * for every message to them and every change of their read state. Client frames are ignored, but for
 * `authenticate` (a fresh token before the socket's own expires).
 */
export function startNotificationSocket(ws: WebSocket, deps: SocketDeps, origin: string, token: string | null): void {
  let stop: (() => void) | null = null;
  let closed = false;
  ws.on('close', () => {
    closed = true;
    stop?.();
  });
  const inbox = new Inbox(ws, socketErrorHandler(ws, deps));
  let authenticated = false;
  ws.on('message', (data, isBinary) => {
    const frame = decodeFrame(data, isBinary, deps.limits.wsFrameMaxBytes);
    if (authenticated && !('reply' in frame) && frame.type === 'authenticate') inbox.push(() => renewSocket(ws, deps, frame.token));
  });
  inbox.push(async () => {
    try {
      const viewer = await authenticateSocket(ws, deps, token);
      if (!viewer || closed) return;
      authenticated = true;
      // a message's notification and count (and a batch's) leave in one write
      const show = (item: NotificationItem) => {
        if (item.kind === 'notification') deps.writes.send(ws, deps.liveFrames.message('notification', item.message, origin));
        else deps.writes.send(ws, JSON.stringify(frames.unreadCount(item.total)));
      };
      stop = deps.services.messageFeeds.notificationEvents(viewer).open({
        next: show,
        // notifications may have been lost while the link between nodes was down: the client reconnects and gets the exact count
        error: (e) => (e instanceof EventsMissed ? ws.close(WS_CLOSE.serviceRestart, 'reconnect: notifications may have been missed') : failedToOpen(ws, deps, e)),
      });
      if (closed) stop();
    } catch (e) {
      failedToOpen(ws, deps, e);
    }
  });
}
