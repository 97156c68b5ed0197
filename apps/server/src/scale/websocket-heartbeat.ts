import type { WebSocket } from 'ws';

/**
 * Pings a websocket every `intervalMs` and terminates it when no pong came back within one interval. Behind
 * balancers a peer that vanished (a laptop closed, a network changed) leaves a half-open connection that
 * would otherwise hold its room and its participant slot until TCP gives up, which can take hours. Browsers
 * answer pings by themselves. `intervalMs` 0 turns it off.
 */
export function keepAlive(ws: WebSocket, intervalMs: number, onTimeout?: () => void): void {
  if (intervalMs <= 0) return;
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      clearInterval(timer);
      onTimeout?.();
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}
