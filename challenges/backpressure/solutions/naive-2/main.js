'use strict';
/**
 * Naive solution 2: it streams, but ignores backpressure. Every chunk read is
 * written at once whatever res.write() returns, so with a slow client the
 * whole export piles up in the response's buffer.
 */
const fs = require('node:fs');
const http = require('node:http');

const EVENTS_FILE = process.env.EVENTS_FILE || 'events.ndjson';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/export.csv') {
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.write('id,user,amountCents,ts\n');
    let rest = '';
    const input = fs.createReadStream(EVENTS_FILE, 'utf8');
    input.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      let out = '';
      for (const line of lines) {
        if (!line) continue;
        const e = JSON.parse(line);
        out += `${e.id},${e.user},${e.amountCents},${e.ts}\n`;
      }
      res.write(out); // the return value says "stop for now": ignored
    });
    input.on('end', () => res.end());
    return;
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
