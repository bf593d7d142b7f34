import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * WebSocket frames sent to one socket while the current burst of work runs (a group-commit batch's
 * events, fanned out in one go) leave in one system call: the TCP socket is corked at its first frame
 * and uncorked once the burst is done (process.nextTick runs after the promise jobs that deliver the
 * batch). Under load a socket then costs one `writev` per batch instead of one per message (ADR 015);
 * with one message per batch nothing changes.
 */
export class WriteCoalescer {
  #corked = new Set<Socket>();
  #scheduled = false;

  /** Sends a text frame (bytes already encoded, or text) to `ws` if it is open. */
  send(ws: WebSocket, frame: Buffer | string): void {
    if (ws.readyState !== ws.OPEN) return;
    const socket = (ws as unknown as { _socket?: Socket })._socket;
    if (socket && !this.#corked.has(socket)) {
      socket.cork();
      this.#corked.add(socket);
      if (!this.#scheduled) {
        this.#scheduled = true;
        process.nextTick(() => this.#flush());
      }
    }
    ws.send(frame, { binary: false });
  }

  #flush(): void {
    this.#scheduled = false;
    const corked = this.#corked;
    this.#corked = new Set();
    for (const socket of corked) socket.uncork();
  }
}
