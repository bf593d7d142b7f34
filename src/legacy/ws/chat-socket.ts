import type { WebSocket } from 'ws';
import { isDomainError } from '../../errors.js';
import type { Membership } from '../../modules/conversations/conversations.service.js';
import type { ConversationItem } from '../../modules/messages/message-feeds.js';
import type { HiddenUsers } from '../../modules/people/blocks.service.js';
import type { MessageWithReads, Page, UserRef, Viewer } from '../../modules/types.js';
import { socketReady } from '../../server/sockets/socket-ready.js';
import { presentMessageFor } from '../presenters.js';
import { CLOSE, frames, type ClientFrame } from './protocol.js';
import { Inbox, authenticateSocket, decodeFrame, errorFrameFor, failedToOpen, renewSocket, sendFrame, socketErrorHandler, type SocketDeps } from './socket.js';

const HISTORY_SIZE = 50;

/** What a chat socket shows on connect. */
interface ConnectSnapshot {
  online: UserRef[];
  history: Page<MessageWithReads>;
}

/**
 * ws/chat/<name>/: one socket in one room. Connect: auth (4001), membership (4003/4004), then
 * online_user_list, last_50_messages, user_join; afterwards room events out, client frames in.
 */
export function startChatSocket(ws: WebSocket, deps: SocketDeps, origin: string, token: string | null, roomName: string | null): void {
  const socket = new ChatSocket(ws, deps, origin);
  const inbox = new Inbox(ws, socketErrorHandler(ws, deps));
  ws.on('close', () => socket.closed());
  ws.on('message', (data, isBinary) => {
    const frame = decodeFrame(data, isBinary, deps.limits.wsFrameMaxBytes);
    inbox.push(() => ('reply' in frame ? sendFrame(ws, frame.reply) : socket.handle(frame)));
  });
  inbox.push(() => socket.open(token, roomName).catch((e: unknown) => failedToOpen(ws, deps, e)));
}

class ChatSocket {
  /** set once the connect sequence is out: client frames are served from then on */
  #live: { viewer: Viewer; conv: Membership } | null = null;
  #cleanup: (() => unknown)[] = [];
  #closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SocketDeps,
    private readonly origin: string,
  ) {}

  async open(token: string | null, roomName: string | null): Promise<void> {
    const { services } = this.deps;
    const viewer = await authenticateSocket(this.ws, this.deps, token);
    if (!viewer || this.#closed) return;
    const conv = await this.join(viewer, roomName);
    if (!conv || this.#closed) return;
    // users the viewer has blocked: their typing and presence are not shown here
    const hidden = await services.blocks.hiddenFrom(viewer);
    this.#cleanup.push(() => hidden.stop());
    if (this.#closed) return this.closed();
    // The room's live events are joined before anything is read (the feed holds them meanwhile), so
    // nothing published during the connect sequence is missed, and messages the history has are not repeated.
    const feed = services.messageFeeds.conversationEvents<ConnectSnapshot>(conv, async () => {
      this.#cleanup.push(await services.presence.join(viewer, conv.id));
      const online = (await services.presence.online(conv.id)).filter((u) => !hidden.has(u.id));
      const history = await services.messages.history(viewer, { conversation: conv.name, first: HISTORY_SIZE, standing: true });
      return { value: { online, history }, newestSeq: history.items[0]?.message.seq ?? 0 };
    });
    const stop = feed.open({
      next: (item) => this.show(viewer, conv, hidden, item),
      error: (e) => failedToOpen(this.ws, this.deps, e),
      ready: () => socketReady(this.ws, this.deps.limits.wsSendBufferMaxBytes / 4),
    });
    this.#cleanup.unshift(stop);
    if (this.#closed) this.closed();
  }

  /** One item of the room's feed as this socket's frames. */
  private show(viewer: Viewer, conv: Membership, hidden: HiddenUsers, item: ConversationItem<ConnectSnapshot>): void {
    const { writes, liveFrames } = this.deps;
    switch (item.kind) {
      case 'snapshot': {
        const { online, history } = item.value;
        const fileUrl = this.fileUrl;
        sendFrame(this.ws, frames.onlineUserList(online.map((u) => u.username)));
        sendFrame(this.ws, frames.last50Messages(history.items.map((m) => presentMessageFor(m, viewer.id, fileUrl)), history.hasMore));
        // our own user_join: the published one goes to the others only on the user's first socket
        sendFrame(this.ws, frames.userJoin(viewer));
        this.#live = { viewer, conv };
        return;
      }
      case 'message':
        // a message deleted before it was shown (a replay) is not history in this dialect
        if (item.message.deletedAt) return;
        return writes.send(this.ws, liveFrames.message('echo', item.message, this.origin));
      case 'typing':
      case 'presence':
        // a socket's own typing and presence are not news to it; a blocked user's are not shown
        if (item.user.id === viewer.id || hidden.has(item.user.id)) return;
        return writes.send(this.ws, liveFrames.other(item));
      case 'read':
      case 'changed':
      case 'members':
      case 'updated':
        return writes.send(this.ws, liveFrames.other(item));
      case 'lost':
        // the viewer may no longer see this room (blocked in a DM, removed from a group): as for a stranger
        if (item.userId === viewer.id) this.ws.close(CLOSE.notParticipant, 'not a participant');
        return;
    }
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
    if (!this.#live) return; // the connect sequence failed: the socket is closing
    const { viewer, conv } = this.#live;
    const { messages, typing } = this.deps.services;
    switch (frame.type) {
      case 'chat_message': {
        const sent = await messages.send(viewer, { conversation: conv.name, content: frame.message, clientId: frame.clientId });
        // A retry publishes nothing: answer the retrying socket with the first message.
        if (!sent.created) sendFrame(this.ws, this.deps.liveFrames.message('echo', sent.message, this.origin));
        return;
      }
      case 'typing':
        return typing.publish(viewer, conv, frame.typing);
      case 'read_messages':
        await messages.markRead(viewer, { conversation: conv.name });
        return;
      case 'authenticate':
        return renewSocket(this.ws, this.deps, frame.token);
    }
  }

  private get fileUrl() {
    const files = this.deps.services.files;
    return (f: Parameters<typeof files.signedPath>[0]) => this.origin + files.signedPath(f);
  }

  /** Leaves the room's feed and counts the connection out of its presence (user_leave on the last one). */
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
