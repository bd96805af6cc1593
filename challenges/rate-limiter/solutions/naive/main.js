'use strict';
/**
 * Naive solution: a fixed one-second window per key (10 per window). It allows
 * bursts of 20 across a window edge, refills all at once instead of 5/s, sends
 * no Retry-After, and lets requests without a key share one bucket.
 */
const http = require('node:http');

const windows = new Map();

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/api/data') {
    const key = req.headers['x-api-key'];
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start >= 1000) windows.set(key, (w = { start: now, count: 0 }));
    if (w.count >= 10) {
      res.writeHead(429).end('{"error":"rate limited"}');
      return;
    }
    w.count++;
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"ok":true}');
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
