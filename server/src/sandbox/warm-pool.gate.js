'use strict';
/*
 * Assay warm-pool gate, preloaded into the main Node process of a pooled
 * (pre-started) sandbox container: NODE_OPTIONS="--require /opt/assay/probe.js
 * --require /opt/assay-gate/gate.js ...".
 *
 * Node has booted when this runs, but it has not yet looked at the program
 * (`node main.js` reads main.js only after the preloads). So it holds the
 * process here, blocked on a FIFO, until the runner has copied the
 * candidate's code into /app and writes "g": the candidate's program then
 * starts exactly as in a cold container, minus ~100 ms of container start and
 * ~40 ms of Node boot. Any other byte (or EOF) means "discarded": exit.
 *
 * It must leave no trace the program could depend on: it removes its marker
 * and itself from NODE_OPTIONS, so child processes neither block nor differ
 * from a cold run, and leaves require.cache. (The initial environment block
 * in /proc/self/environ still shows both: harmless.) Plain Node, no packages:
 * it runs inside the sandbox image.
 */
const fs = require('node:fs');

const GATE_SELF = '--require /opt/assay-gate/gate.js';
const gatePath = process.env.ASSAY_GATE;

if (gatePath) {
  delete require.cache[__filename];
  delete process.env.ASSAY_GATE;
  const rest = (process.env.NODE_OPTIONS || '').replace(GATE_SELF, '').replace(/\s+/g, ' ').trim();
  if (rest) process.env.NODE_OPTIONS = rest;
  else delete process.env.NODE_OPTIONS;

  const go = Buffer.alloc(1);
  let n = 0;
  try {
    const fd = fs.openSync(gatePath, 'r');
    n = fs.readSync(fd, go, 0, 1, null); // blocks the whole process until the runner writes
    fs.closeSync(fd);
  } catch {
    n = 0;
  }
  if (n !== 1 || go[0] !== 0x67 /* "g" */) process.exit(0); // discarded: the pool removes the container anyway
}
