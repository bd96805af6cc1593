'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT)
 *
 * GET  /health → 200 "ok"
 * POST /hash   {"data": string, "rounds": integer 1–1000000}
 *              → 200 {"digest": hex}, h0 = data, h(i+1) = hex SHA-256 of h(i), digest = h(rounds)
 *              a bad body → 400
 *
 * It works, but every hash runs on the main thread: while one is computed,
 * nothing else (not even /health) is answered. Fix that.
 */
const http = require('node:http');
const crypto = require('node:crypto');

function hashRounds(data, rounds) {
  let h = data;
  for (let i = 0; i < rounds; i++) h = crypto.createHash('sha256').update(h, 'utf8').digest('hex');
  return h;
}

/** The job of a valid body, or null. */
function parseJob(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { data, rounds } = body;
  if (typeof data !== 'string' || !Number.isInteger(rounds) || rounds < 1 || rounds > 1_000_000) return null;
  return { data, rounds };
}

function send(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, 'ok');
  if (req.method === 'POST' && req.url === '/hash') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const job = parseJob(Buffer.concat(chunks).toString('utf8'));
      if (!job) return send(res, 400, { error: 'expected {"data": string, "rounds": integer 1-1000000}' });
      send(res, 200, { digest: hashRounds(job.data, job.rounds) }); // blocks the event loop
    });
    return;
  }
  send(res, 404, { error: 'not found' });
});

server.listen(Number(process.env.PORT) || 3000, () => console.log(`listening on ${server.address().port}`));
