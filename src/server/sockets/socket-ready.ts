import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Resolves once `ws` has room again: at most `lowWater` bytes waiting to be sent, or closed. A replay
 * from the database awaits it between pages, so a long catch-up goes at the client's pace instead of
 * piling up in the send buffer (where WS_SEND_BUFFER_MAX_BYTES would cut the socket).
 */
export function socketReady(ws: WebSocket, lowWater: number): Promise<void> {
  if (ws.readyState !== ws.OPEN || ws.bufferedAmount <= lowWater) return Promise.resolve();
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (!socket) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount > lowWater) return;
      socket.off('drain', check);
      ws.off('close', check);
      resolve();
    };
    // the TCP socket drains its user-space buffer in steps: look again at each
    socket.on('drain', check);
    ws.on('close', check);
  });
}
