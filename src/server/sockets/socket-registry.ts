import type { WebSocket } from 'ws';

/**
 * The authenticated WebSockets of this node by user, both dialects: at most `maxPerUser` each (one user
 * cannot hold the node's sockets), and the one place that can reach all of a user's sockets.
 */
export class SocketRegistry {
  readonly #byUser = new Map<number, Set<WebSocket>>();

  constructor(private readonly maxPerUser: number) {}

  /** Counts `ws` as one of the user's sockets until it closes; false (nothing counted) when the user is at the cap. */
  claim(userId: number, ws: WebSocket): boolean {
    let sockets = this.#byUser.get(userId);
    if (sockets?.has(ws)) return true;
    if ((sockets?.size ?? 0) >= this.maxPerUser) return false;
    if (!sockets) this.#byUser.set(userId, (sockets = new Set()));
    sockets.add(ws);
    const held = sockets;
    ws.once('close', () => {
      held.delete(ws);
      if (held.size === 0 && this.#byUser.get(userId) === held) this.#byUser.delete(userId);
    });
    return true;
  }

  /** How many sockets the user holds on this node. */
  count(userId: number): number {
    return this.#byUser.get(userId)?.size ?? 0;
  }
}
