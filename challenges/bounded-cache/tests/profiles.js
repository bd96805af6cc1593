'use strict';
/**
 * The simulated profile service behind bounded-cache, used by these visible
 * tests and by the hidden driver (which mounts this folder).
 * GET /profile/:id → a ~32 KiB JSON profile after `latencyMs`; ids above
 * MAX_ID → 404. Counts the calls it gets.
 */
const http = require('node:http');

const MAX_ID = 10_000_000;
const PROFILE_BYTES = 32 * 1024;
const FILLER = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(PROFILE_BYTES / 27));

/** The exact body the service returns for `id`. */
function profileBody(id) {
  const head = JSON.stringify({ id, name: `user-${id}`, city: ['Oslo', 'Lyon', 'Kyoto', 'Quito'][id % 4] }).slice(0, -1);
  return `${head},"bio":"${FILLER.slice(0, PROFILE_BYTES - head.length - 10)}${id % 97}"}`;
}

function startProfiles(port, { latencyMs = 10 } = {}) {
  const stats = { calls: 0 };
  const server = http.createServer((req, res) => {
    const m = /^\/profile\/(\d+)$/.exec(req.url);
    const id = m ? Number(m[1]) : 0;
    stats.calls++;
    setTimeout(() => {
      if (!m || id < 1 || id > MAX_ID) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such profile"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(profileBody(id));
    }, latencyMs);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, stats, port: server.address().port })));
}

module.exports = { startProfiles, profileBody, MAX_ID };
