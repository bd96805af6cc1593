'use strict';
/**
 * Mid-level: handles SIGTERM, stops accepting connections and exits with
 * code 0, but after a fixed one-second grace period instead of when the
 * requests in flight are done: anything slower than a second is cut off
 * (the classic `setTimeout(() => process.exit(0), 1000)`).
 */
const http = require('node:http');

const GRACE_MS = 1000;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname === '/work') {
    const ms = Number(url.searchParams.get('ms'));
    if (!Number.isInteger(ms) || ms < 0 || ms > 10_000) return res.writeHead(400).end('ms must be 0-10000');
    setTimeout(() => res.end(`done ${ms}`), ms);
    return;
  }
  res.writeHead(404).end();
});

process.on('SIGTERM', () => {
  console.error(`SIGTERM: closing, exiting in ${GRACE_MS} ms`);
  server.close();
  setTimeout(() => process.exit(0), GRACE_MS);
});

server.listen(Number(process.env.PORT) || 3000);
