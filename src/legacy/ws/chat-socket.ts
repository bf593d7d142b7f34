import type { WebSocket } from 'ws';
import { isDomainError } from '../../errors.js';
import type { Membership } from '../../modules/conversations/conversations.service.js';
import type { Viewer } from '../../modules/types.js';
import type { ConversationEvent } from '../../realtime/events.js';
import { presentMessageFor } from '../presenters.js';
import { CLOSE, frames, type ClientFrame } from './protocol.js';
import type { RoomMember } from './rooms.js';
import { Inbox, authenticateSocket, decodeFrame, errorFrameFor, failedToOpen, sendFrame, socketErrorHandler, type SocketDeps } from './socket.js';

const HISTORY_SIZE = 50;

/**
 * ws/chat/<name>/: one socket in one room. Connect: auth (4001), membership (4003/4004), then
 * online_user_list, last_50_messages, user_join; afterwards room events out, client frames in.
 */
export function startChatSocket(ws: WebSocket, deps: SocketDeps, origin: string, token: string | null, roomName: string | null): void {
  const socket = new ChatSocket(ws, deps, origin);
  const inbox = new Inbox(ws, socketErrorHandler(ws, deps.log));
  ws.on('close', () => socket.closed());
  ws.on('message', (data, isBinary) => {
    const frame = decodeFrame(data, isBinary, deps.limits.wsFrameMaxBytes);
    inbox.push(() => ('reply' in frame ? sendFrame(ws, frame.reply) : socket.handle(frame)));
  });
  inbox.push(() => socket.open(token, roomName).catch((e: unknown) => failedToOpen(ws, deps, e)));
}

class ChatSocket implements RoomMember {
  #viewer: Viewer | null = null;
  #conv: Membership | null = null;
  viewerId = 0;
  held: ConversationEvent[] | null = [];
  #cleanup: (() => unknown)[] = [];
  #closed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly deps: SocketDeps,
    readonly origin: string,
  ) {}

  async open(token: string | null, roomName: string | null): Promise<void> {
    const { services, bus } = this.deps;
    const viewer = await authenticateSocket(this.ws, this.deps, token);
    if (!viewer || this.#closed) return;
    const conv = await this.join(viewer, roomName);
    if (!conv || this.#closed) return;
    // Join the room (its events are held) before reading anything, so nothing published meanwhile is missed.
    this.viewerId = viewer.id;
    this.#cleanup.push(this.deps.rooms.join(conv.id, this));
    await bus.whenListening('conversation', conv.id);
    this.#cleanup.push(await services.presence.join(viewer, conv.id));
    if (this.#closed) return this.closed();
    const online = await services.presence.online(conv.id);
    const history = await services.messages.history(viewer, { conversation: conv.name, first: HISTORY_SIZE });
    const fileUrl = this.fileUrl;
    sendFrame(this.ws, frames.onlineUserList(online.map((u) => u.username)));
    sendFrame(this.ws, frames.last50Messages(history.items.map((m) => presentMessageFor(m, viewer.id, fileUrl)), history.hasMore));
    // Our own user_join: the published one goes to the others only on the user's first socket.
    sendFrame(this.ws, frames.userJoin(viewer));
    const inHistory = new Set(history.items.map((m) => m.message.id));
    const held = this.held ?? [];
    this.#viewer = viewer;
    this.#conv = conv;
    this.held = null;
    for (const e of held) if (e.kind !== 'message' || !inHistory.has(e.message.id)) this.deps.rooms.deliverTo(this, e);
  }

  /** The checked membership, or: 4003 (not a participant) / error frame + 4004 (bad name, unknown user). */
  private async join(viewer: Viewer, roomName: string | null): Promise<Membership | null> {
    if (roomName === null) return this.badRoom(frames.error('invalid_room_name', 'Malformed conversation name.'));
    try {
      return await this.deps.services.conversations.open(viewer, roomName);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.code === 'BAD_USER_INPUT') return this.badRoom(errorFrameFor(e));
      if (e.code !== 'NOT_FOUND') throw e;
      this.ws.close(CLOSE.notParticipant, 'not a participant');
      return null;
    }
  }

  private badRoom(frame: object): null {
    sendFrame(this.ws, frame);
    this.ws.close(CLOSE.badRoom, 'invalid room');
    return null;
  }

  async handle(frame: ClientFrame): Promise<void> {
    const viewer = this.#viewer;
    const conv = this.#conv;
    if (!viewer || !conv) return; // the connect sequence failed: the socket is closing
    const { messages, typing } = this.deps.services;
    switch (frame.type) {
      case 'chat_message': {
        const sent = await messages.send(viewer, { conversation: conv.name, content: frame.message, clientId: frame.clientId });
        // A retry publishes nothing: answer the retrying socket with the first message.
        if (!sent.created) sendFrame(this.ws, this.deps.liveFrames.get('echo', sent.message, this.origin));
        return;
      }
      case 'typing':
        return typing.publish(viewer, conv.id, frame.typing);
      case 'read_messages':
        await messages.markRead(viewer, { conversation: conv.name });
        return;
    }
  }

  private get fileUrl() {
    const files = this.deps.services.files;
    return (f: Parameters<typeof files.signedPath>[0]) => this.origin + files.signedPath(f);
  }

  /** Unsubscribes and counts the connection out of the room's presence (user_leave on the last one). */
  closed(): void {
    this.#closed = true;
    const cleanup = this.#cleanup;
    this.#cleanup = [];
    for (const fn of cleanup) {
      Promise.resolve()
        .then(fn)
        .catch((err: unknown) => this.deps.log.error({ err }, 'legacy chat socket cleanup failed'));
    }
  }
}
