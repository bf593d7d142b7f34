import type { ConversationEvent } from '../events.js';

type TypingEvent = Extract<ConversationEvent, { kind: 'typing' }>;

/**
 * Who is typing in one conversation, as one node's stream of it sees it, and when that ends by itself:
 * `ttlMs` after the last `typing: true` (clients renew it while the user types), when the typist's
 * message arrives, and when their last connection to the conversation closes (presence `leave`). Each
 * end is a `typing: false` event for every consumer of the stream, in both dialects. Every node that
 * follows the conversation runs the same rules on the same events, so no node has to be alive for
 * another's listeners to see typing end; a stop for someone not typing (already ended here) is dropped,
 * so a client's own `typing: false` after its message is not said twice.
 */
export class TypingClock {
  readonly #typing = new Map<number, { event: TypingEvent; timer: NodeJS.Timeout }>();

  constructor(
    private readonly ttlMs: number,
    private readonly emit: (event: TypingEvent) => void,
  ) {}

  /** Whether `event` goes on to the stream's consumers; ends the typing it implies first (emitted before it). */
  pass(event: ConversationEvent): boolean {
    switch (event.kind) {
      case 'typing':
        if (!event.typing) return this.#stop(event.user.id) !== null;
        this.#start(event);
        return true;
      case 'message':
        this.#end(event.message.sender.id);
        return true;
      case 'presence':
        if (event.action === 'leave') this.#end(event.user.id);
        return true;
      default:
        return true;
    }
  }

  /** Stops every clock (the stream closed). */
  close(): void {
    for (const { timer } of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
  }

  #start(event: TypingEvent): void {
    clearTimeout(this.#typing.get(event.user.id)?.timer);
    const timer = setTimeout(() => this.#end(event.user.id), this.ttlMs);
    timer.unref();
    this.#typing.set(event.user.id, { event, timer });
  }

  /** Forgets the user's typing; what it was (null: not typing). */
  #stop(userId: number): TypingEvent | null {
    const entry = this.#typing.get(userId);
    if (!entry) return null;
    clearTimeout(entry.timer);
    this.#typing.delete(userId);
    return entry.event;
  }

  /** Typing ended without the client saying so: a `typing: false` of our own. */
  #end(userId: number): void {
    const was = this.#stop(userId);
    if (was) this.emit({ ...was, typing: false });
  }
}
