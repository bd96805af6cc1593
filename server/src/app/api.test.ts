import type { AddressInfo } from 'node:net';
import express from 'express';
import { ErrorBodySchema } from '@assay/shared';
import { requestLogger } from '../http/request-log';
import { AppError } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { errorHandler } from './api';

describe('the error handler', () => {
  it('answers a crash with a bland 500 and the request id, never the internals', async () => {
    const log = createLogger('silent', 'test');
    const app = express();
    app.use(requestLogger(log));
    app.get('/boom', () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 at /srv/assay/server/dist/main.cjs');
    });
    app.get('/known', () => {
      throw new AppError('CONFLICT', 'The deadline has passed.');
    });
    app.use(errorHandler(log));
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-42' } });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|\/srv|main\.cjs|stack/);
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. It has been logged.', details: { requestId: 'req-42' } } });
      expect(res.headers.get('x-request-id')).toBe('req-42');

      const known = await fetch(`${base}/known`);
      expect(known.status).toBe(409);
      expect(ErrorBodySchema.parse(await known.json()).error).toEqual({ code: 'CONFLICT', message: 'The deadline has passed.' });
      // An id that is not a sane token is replaced, not echoed.
      const odd = await fetch(`${base}/known`, { headers: { 'x-request-id': 'x'.repeat(300) } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      server.close();
    }
  });
});
