'use strict';
/**
 * Naive solution: read the whole file, build the whole CSV, send it. Correct
 * on a small file; the file and the CSV both sit in memory, so a large export
 * runs out of it.
 */
const fs = require('node:fs');
const http = require('node:http');

const EVENTS_FILE = process.env.EVENTS_FILE || 'events.ndjson';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/export.csv') {
    const rows = ['id,user,amountCents,ts'];
    for (const line of fs.readFileSync(EVENTS_FILE, 'utf8').split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line);
      rows.push(`${e.id},${e.user},${e.amountCents},${e.ts}`);
    }
    res.writeHead(200, { 'content-type': 'text/csv' });
    return res.end(`${rows.join('\n')}\n`);
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
