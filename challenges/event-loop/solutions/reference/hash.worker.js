'use strict';
// Runs hash jobs off the main thread: {id, data, rounds} in, {id, digest} out.
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const os = require('node:os');

// On Linux a priority set with pid 0 is this thread's alone: the main thread
// keeps its own, so when a request arrives it preempts the hashing at once
// rather than waiting out the scheduler's time slice (the pool may share its CPU).
try {
  os.setPriority(0, 19);
} catch {
  // Not allowed here: still correct, only a little less responsive.
}

parentPort.on('message', ({ id, data, rounds }) => {
  let h = data;
  for (let i = 0; i < rounds; i++) h = crypto.createHash('sha256').update(h, 'utf8').digest('hex');
  parentPort.postMessage({ id, digest: h });
});
