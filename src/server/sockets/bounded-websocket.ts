import { WebSocket } from 'ws';
import { WS_CLOSE } from './close-codes.js';

/**
 * A `ws` WebSocket class (for `new WebSocketServer({ WebSocket })`) whose sends are bounded: once more
 * than `maxBufferedBytes` wait to go out (frames queued in `ws` and in the TCP socket's user-space
 * buffer), the client is not reading fast enough and the socket is closed with 1013 and destroyed at
 * once, freeing what it held (later sends fail as sends to a closed socket do). One place for both dialects and for
 * every frame, whoever sends it (graphql-ws itself, the shared fan-out, legacy rooms).
 */
export function boundedWebSocketClass(
  maxBufferedBytes: number,
  onOverflow: (ws: WebSocket, bufferedBytes: number) => void,
  onSend: () => void = () => undefined,
): typeof WebSocket {
  return class BoundedWebSocket extends WebSocket {
    // ws's two overloads (data, cb?) and (data, options, cb?) pass straight through
    override send(data: unknown, optionsOrCallback?: unknown, callback?: unknown): void {
      (super.send as (...args: unknown[]) => void)(data, optionsOrCallback, callback);
      onSend();
      const buffered = this.bufferedAmount;
      if (buffered > maxBufferedBytes && this.readyState === WebSocket.OPEN) {
        onOverflow(this, buffered);
        // the close frame goes out if the socket can still take it; the queued frames go with the socket
        this.close(WS_CLOSE.slowConsumer, 'slow consumer');
        this.terminate();
      }
    }
  };
}
