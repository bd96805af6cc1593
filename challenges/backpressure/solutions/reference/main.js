'use strict';
/**
 * Reference solution: stream.pipeline(file → NDJSON-to-CSV transform → res).
 * pipeline propagates backpressure (the file is read only as fast as the
 * client takes the CSV) and tears everything down if the client goes away.
 * Memory stays at a few buffers whatever the file size or the client's pace.
 */
const fs = require('node:fs');
const http = require('node:http');
const { Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');

const EVENTS_FILE = process.env.EVENTS_FILE || 'events.ndjson';

/** NDJSON in, CSV out: one output chunk per input chunk, lines carried across chunks. */
function ndjsonToCsv() {
  let rest = '';
  return new Transform({
    transform(chunk, _encoding, callback) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop();
      try {
        callback(null, toCsv(lines));
      } catch (err) {
        callback(err);
      }
    },
    flush(callback) {
      try {
        callback(null, toCsv([rest]));
      } catch (err) {
        callback(err);
      }
    },
  });
}

function toCsv(lines) {
  let out = '';
  for (const line of lines) {
    if (!line.trim()) continue;
    const { id, user, amountCents, ts } = JSON.parse(line);
    out += `${id},${user},${amountCents},${ts}\n`;
  }
  return out;
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url !== '/export.csv') return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
  res.write('id,user,amountCents,ts\n');
  try {
    await pipeline(fs.createReadStream(EVENTS_FILE), ndjsonToCsv(), res);
  } catch (err) {
    // The client left, or the file is bad: the response is already torn down.
    if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error(`export failed: ${err.message}`);
  }
});

server.listen(Number(process.env.PORT) || 3000);
