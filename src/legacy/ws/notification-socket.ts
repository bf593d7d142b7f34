import type { WebSocket } from 'ws';
import type { Viewer } from '../../modules/types.js';
import type { UserEvent } from '../../realtime/events.js';
import { frames } from './protocol.js';
import { Inbox, authenticateSocket, failedToOpen, sendFrame, socketErrorHandler, type SocketDeps } from './socket.js';

/**
 * ws/notification/: the user's unread count on connect, then new_message_notification + unread_count
 * for every message to them and every change of their read state. Client frames are ignored.
 */
export function startNotificationSocket(ws: WebSocket, deps: SocketDeps, origin: string, token: string | null): void {
  let off: (() => void) | null = null;
  let closed = false;
  ws.on('close', () => {
    closed = true;
    off?.();
  });
  const inbox = new Inbox(ws, socketErrorHandler(ws, deps.log));
  inbox.push(async () => {
    try {
      const viewer = await authenticateSocket(ws, deps, token);
      if (!viewer || closed) return;
      off = await follow(ws, deps, origin, viewer);
      if (closed) off();
    } catch (e) {
      failedToOpen(ws, deps, e);
    }
  });
}

async function follow(ws: WebSocket, deps: SocketDeps, origin: string, viewer: Viewer): Promise<() => void> {
  // live events: a message's notification and count (and a batch's) leave in one write
  const deliver = (e: UserEvent) => {
    if (e.kind === 'notification') deps.writes.send(ws, deps.liveFrames.get('notification', e.message, origin));
    else deps.writes.send(ws, JSON.stringify(frames.unreadCount(e.total)));
  };
  // Subscribe before reading the count, so nothing falls between.
  let held: UserEvent[] | null = [];
  const off = deps.bus.listen('user', viewer.id, (e) => (held ? held.push(e) : deliver(e)));
  const unreadTotal = () => deps.services.messages.unreadTotal(viewer);
  try {
    await deps.bus.whenListening('user', viewer.id);
    sendFrame(ws, frames.unreadCount(await unreadTotal()));
    // A count heard while reading may be older or newer than the one read: send the notifications heard
    // meanwhile, then a count read after them, until a read passes with no change heard.
    for (;;) {
      const batch: UserEvent[] = held ?? [];
      held = [];
      for (const e of batch) if (e.kind === 'notification') deliver(e);
      if (!batch.some((e) => e.kind === 'unread')) break;
      sendFrame(ws, frames.unreadCount(await unreadTotal()));
    }
  } catch (e) {
    off();
    throw e;
  }
  held = null;
  return off;
}
