import { get } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Balancer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP balancer for tests: new connections go round-robin to the backends, skipping one that
 * refuses, as a load balancer's health checks would. Websocket upgrades pass through untouched. With
 * `readyPath`, it also polls each backend there every `pollMs` and sends no new connection to one that does
 * not answer 200 (a draining node's /readyz), while any backend is ready.
 */
export function startBalancer(
  backendPorts: readonly number[],
  options: { readonly readyPath?: string; readonly pollMs?: number } = {},
): Promise<Balancer> {
  let next = 0;
  const sockets = new Set<Socket>();
  const unready = new Set<number>();
  const { readyPath, pollMs = 50 } = options;
  const poll = readyPath
    ? setInterval(() => {
        for (const port of backendPorts) {
          const probe = get({ host: '127.0.0.1', port, path: readyPath, agent: false }, (res) => {
            if (res.statusCode === 200) unready.delete(port);
            else unready.add(port);
            res.resume();
          });
          probe.on('error', () => unready.add(port));
          probe.setTimeout(pollMs * 4, () => probe.destroy());
        }
      }, pollMs)
    : undefined;
  const candidates = (): readonly number[] => {
    const ready = backendPorts.filter((port) => !unready.has(port));
    return ready.length > 0 ? ready : backendPorts;
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const ports = candidates();
    const tryBackend = (attempt: number): void => {
      if (attempt >= ports.length) return void client.destroy();
      const port = ports[(next + attempt) % ports.length] ?? 0;
      const upstream = connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        next = (next + attempt + 1) % backendPorts.length;
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        upstream.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => tryBackend(attempt + 1));
    };
    tryBackend(0);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () =>
          new Promise((done) => {
            clearInterval(poll);
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
