import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger } from '../logger.ts';
import type { YjsEndpoint } from '../sync/yjs-endpoint.ts';

/**
 * The one Node HTTP server: Hono answers requests, the Yjs endpoint takes its upgrades, socket.io attaches
 * itself to it. It counts connections and requests in flight so shutdown can let work finish, then cut.
 */
export class NodeServer {
  readonly server: Server;
  /** Every TCP connection, upgraded ones included, so shutdown can cut those that never answer a close frame. */
  private readonly sockets = new Set<Socket>();
  private inFlight = 0;
  private idle: (() => void) | undefined;

  constructor(
    fetch: (request: Request) => Response | Promise<Response>,
    upgrades: Pick<YjsEndpoint, 'handles' | 'handleUpgrade'>,
    private readonly logger: Logger,
  ) {
    const server = createAdaptorServer({ fetch }) as Server;
    server.on('upgrade', (request, socket, head) => {
      const pathname = (request.url ?? '/').split('?')[0] ?? '/';
      if (upgrades.handles(pathname)) upgrades.handleUpgrade(request, socket, head);
      else if (!pathname.startsWith('/socket.io/')) socket.destroy();
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Requests in flight, so shutdown lets a PDF or a publish finish before closing the database. socket.io's
    // long-polls are left out: they are held open on purpose and are closed with their sockets.
    server.on(
      'request',
      (request: { url?: string }, response: { once(event: 'close', listener: () => void): void }) => {
        if ((request.url ?? '').startsWith('/socket.io/')) return;
        this.inFlight += 1;
        response.once('close', () => {
          this.inFlight -= 1;
          if (this.inFlight === 0) this.idle?.();
        });
      },
    );
    this.server = server;
  }

  /**
   * Listens on `host:port`; resolves with the base URL, and the URL to reach it by on this host (a wildcard
   * address is reachable on loopback).
   */
  listen(port: number, host: string): Promise<{ url: string; localUrl: string }> {
    const { server } = this;
    return new Promise((resolveUrl, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo;
        const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
        const localUrl =
          address.address === '0.0.0.0' || address.address === '::' ? `http://127.0.0.1:${address.port}` : url;
        resolveUrl({ url, localUrl });
      });
    });
  }

  /**
   * No new connections (a balancer's next try goes to another node) and idle keep-alive connections close;
   * resolves once every connection has ended.
   */
  stopListening(): Promise<void> {
    const { server } = this;
    const closed = server.listening
      ? new Promise<void>((resolveClosed) => server.close(() => resolveClosed()))
      : Promise.resolve();
    server.closeIdleConnections();
    return closed;
  }

  /** Waits until no request is in flight; resolves false if some still are after `timeoutMs`. */
  async requestsFinished(timeoutMs: number): Promise<boolean> {
    const finished = await new Promise<boolean>((resolveIdle) => {
      if (this.inFlight === 0) return resolveIdle(true);
      const timer = setTimeout(() => {
        this.idle = undefined;
        resolveIdle(false);
      }, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        this.idle = undefined;
        resolveIdle(true);
      };
    });
    if (!finished)
      this.logger.warn({ requests: this.inFlight }, 'requests still running after the shutdown grace; they are cut');
    return finished;
  }

  /**
   * A client that never answers its close frame would hold the HTTP server open for ws's 30 s close timeout:
   * after `graceMs`, cuts whatever is still connected. Returns the function that cancels the cut.
   */
  cutConnectionsAfter(graceMs: number): () => void {
    this.server.closeAllConnections();
    const cut = setTimeout(() => {
      if (this.sockets.size > 0)
        this.logger.warn(
          { connections: this.sockets.size },
          'cutting connections that did not close within the shutdown grace',
        );
      for (const socket of this.sockets) socket.destroy();
    }, graceMs);
    return () => clearTimeout(cut);
  }
}
