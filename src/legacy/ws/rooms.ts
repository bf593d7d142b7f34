import type { WebSocket } from 'ws';
import type { ConversationEvent } from '../../realtime/events.js';
import type { Bus } from '../../realtime/bus.js';
import { frames } from './protocol.js';
import type { WriteCoalescer } from '../../server/sockets/write-coalescer.js';
import type { LiveFrames } from './socket.js';

/** A chat socket as its room sees it. */
export interface RoomMember {
  ws: WebSocket;
  origin: string;
  /** the socket's user (own typing and presence events are not sent back) */
  viewerId: number;
  /** room events heard before the socket's connect sequence was sent; null once live */
  held: ConversationEvent[] | null;
}

interface Room {
  members: Set<RoomMember>;
  off: () => void;
}

/**
 * The legacy chat sockets of this node, by conversation: ONE bus listener per conversation, each event
 * rendered once (once per origin for messages) and the same bytes written to every socket in the room,
 * as a bare `ws` server would (docs/decisions/013).
 */
export class LegacyRooms {
  readonly #rooms = new Map<string, Room>();

  constructor(
    private readonly bus: Bus,
    private readonly liveFrames: LiveFrames,
    private readonly writes: WriteCoalescer,
  ) {}

  /** Adds the socket to its room (events go to `member.held` until the caller sets it to null); returns the leave function. */
  join(conversationId: string, member: RoomMember): () => void {
    let room = this.#rooms.get(conversationId);
    if (!room) {
      const created: Room = { members: new Set(), off: () => undefined };
      created.off = this.bus.listen('conversation', conversationId, (e) => this.deliver(created.members, e));
      this.#rooms.set(conversationId, (room = created));
    }
    const joined = room;
    joined.members.add(member);
    return () => {
      if (!joined.members.delete(member) || joined.members.size > 0) return;
      if (this.#rooms.get(conversationId) === joined) this.#rooms.delete(conversationId);
      joined.off();
    };
  }

  /** Sends one event to one live member (its held events, once its connect sequence is out). */
  deliverTo(member: RoomMember, e: ConversationEvent): void {
    this.deliver([member], e);
  }

  private deliver(members: Iterable<RoomMember>, e: ConversationEvent): void {
    // the frame of a non-message event is the same for every socket that gets it; a message's, for
    // every socket of one origin (usually all of them)
    let shared: Buffer | undefined;
    let origin: string | undefined;
    let echo: Buffer | undefined;
    for (const m of members) {
      if (m.held) {
        m.held.push(e);
        continue;
      }
      if (e.kind === 'message') {
        if (m.origin !== origin) {
          origin = m.origin;
          echo = this.liveFrames.get('echo', e.message, origin);
        }
        this.writes.send(m.ws, echo!);
        continue;
      }
      if (e.kind !== 'read' && e.user.id === m.viewerId) continue;
      this.writes.send(m.ws, (shared ??= otherFrame(e)));
    }
  }
}

/** typing, user_join/user_leave, read_receipt: rendered once per event. */
function otherFrame(e: Exclude<ConversationEvent, { kind: 'message' }>): Buffer {
  switch (e.kind) {
    case 'typing':
      return Buffer.from(JSON.stringify(frames.typing(e.user.username, e.typing)));
    case 'presence':
      return Buffer.from(JSON.stringify(e.action === 'join' ? frames.userJoin(e.user) : frames.userLeave(e.user)));
    case 'read':
      return Buffer.from(JSON.stringify(frames.readReceipt(e.user.username, e.conversationId, e.lastReadMessageId)));
  }
}
