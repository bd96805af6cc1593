'use strict';
/**
 * Naive solution: fires every upstream request at once with Promise.all. Fast
 * on a handful of ids; with more than 8 the upstream refuses the excess and
 * the aggregate fails. No input validation either.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname === '/aggregate') {
    try {
      const ids = (url.searchParams.get('ids') || '').split(',').map(Number);
      const items = await Promise.all(ids.map((id) => fetch(`${UPSTREAM}/item/${id}`).then((r) => r.json())));
      const total = items.reduce((sum, item) => sum + item.value, 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ items, total }));
    } catch (err) {
      res.writeHead(502).end(String(err));
      return;
    }
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
