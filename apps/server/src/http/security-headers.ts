import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every response. The app's pages run only their own scripts and talk only to this origin
 * (fetch, socket.io and the Yjs websocket); rendered SLA documents additionally may be framed by the app
 * itself, never by others.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      frameSrc: ["'self'"],
      frameAncestors: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    xFrameOptions: 'SAMEORIGIN',
    referrerPolicy: 'no-referrer',
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: 'max-age=31536000',
  });
}

/** A rendered SLA may hold participants' text: it runs no script and loads nothing, even if opened directly. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

/**
 * The stricter policy for downloaded documents. Registered before `securityHeaders`, so it runs after it on
 * the way out and has the last word.
 */
export function documentSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (/\/versions\/\d+\/document\.[a-z]+$/.test(c.req.path))
      c.res.headers.set('Content-Security-Policy', DOCUMENT_CSP);
  };
}
