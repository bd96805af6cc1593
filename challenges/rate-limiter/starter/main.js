'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT)
 *
 * GET /health   → 200
 * GET /api/data → 200 {"ok": true}; needs an x-api-key header (401 without).
 *
 * TODO: limit each API key with a token bucket (burst 10, refilled at 5 tokens
 * per second); over the limit answer 429 with a Retry-After header. See prompt.md.
 */
const http = require('node:http');

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/api/data') {
    const key = req.headers['x-api-key'];
    if (!key) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end('{"error":"missing x-api-key"}');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"ok":true}');
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
