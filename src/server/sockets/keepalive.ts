import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Pings every socket of `wss` each `intervalMs` and drops the ones that did not answer the previous
 * ping: a peer that vanished without a close (a phone losing its network, a killed laptop) stops
 * counting as online and frees its subscriptions within two intervals. Returns the stop function.
 */
export function keepSocketsAlive(wss: WebSocketServer, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  const awaitingPong = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      awaitingPong.add(ws);
      ws.once('pong', () => awaitingPong.delete(ws));
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
