import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../platform/logger';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Candidate links carry their token in the path (`/take/<token>`): never log it. */
export function redactUrl(url: string | undefined): string {
  return (url ?? '').replace(/\/take\/[^/?#]+/, '/take/[token]');
}

/**
 * One log line per request with its id (the caller's `X-Request-Id` when it
 * looks sane, else a new one), echoed in the response header so a user can
 * quote it. Cookies, tokens and bodies are never logged.
 */
export function requestLogger(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), ip: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
