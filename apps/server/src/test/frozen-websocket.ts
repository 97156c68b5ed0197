import { connect, type Socket } from 'node:net';

/**
 * A websocket client that completes the upgrade and then never answers anything, like a frozen browser tab
 * (its TCP stack still reads, so the server's close frame is delivered but never acknowledged).
 */
export function frozenWebsocket(url: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101'))
        reject(new Error(`no upgrade: ${chunk.toString().split('\r\n')[0]}`));
      socket.on('data', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
