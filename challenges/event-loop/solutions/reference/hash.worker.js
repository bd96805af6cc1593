'use strict';
// Runs hash jobs off the main thread: {id, data, rounds} in, {id, digest} out.
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');

parentPort.on('message', ({ id, data, rounds }) => {
  let h = data;
  for (let i = 0; i < rounds; i++) h = crypto.createHash('sha256').update(h, 'utf8').digest('hex');
  parentPort.postMessage({ id, digest: h });
});
