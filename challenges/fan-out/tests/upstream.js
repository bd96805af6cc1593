'use strict';
/**
 * The simulated item service behind fan-out: used by these visible tests and
 * by the hidden driver (which mounts this folder).
 * GET /item/:id → {"id", "value"} after a latency that depends on the id;
 * more than `limit` requests at once → 429. Counts what it saw.
 */
const http = require('node:http');

const valueOf = (id) => (id * 7919) % 1000;
const latencyOf = (id) => 10 + (id % 4) * 5;

function startUpstream(port, { limit = 8 } = {}) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, rejected: 0 };
  const server = http.createServer((req, res) => {
    const m = /^\/item\/(\d+)$/.exec(req.url);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    stats.calls++;
    if (stats.inFlight >= limit) {
      stats.rejected++;
      res.writeHead(429, { 'content-type': 'application/json' }).end('{"error":"too many concurrent requests"}');
      return;
    }
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const id = Number(m[1]);
    setTimeout(() => {
      stats.inFlight--;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, value: valueOf(id) }));
    }, latencyOf(id));
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, stats, port: server.address().port })));
}

module.exports = { startUpstream, valueOf, latencyOf };
