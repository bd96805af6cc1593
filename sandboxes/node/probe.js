'use strict';
/*
 * Assay memory/CPU probe, preloaded into every Node process of a sandbox run
 * through NODE_OPTIONS=--require /opt/assay/probe.js.
 *
 * At exit it reports this process's own getrusage figures (maxRSS is the same
 * high-water mark `/usr/bin/time -v` prints) as one JSON line to the runner's
 * FIFO at /run/assay/probe. A FIFO, not stdout: the candidate's output stays
 * untouched, and a line under PIPE_BUF (4 KiB) is written atomically even when
 * several processes exit together. O_NONBLOCK: exiting never waits on the runner.
 *
 * Must stay tiny and side-effect free: it runs before the candidate's code.
 */
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const REPORT_PATH = '/run/assay/probe';
// Taken now, not at exit: an orphan is re-parented to init before it exits,
// and the runner tells the candidate's main process by its parent at start.
const startPpid = process.ppid;

/*
 * Output floods: stdout and stderr are pipes here (the runner reads them
 * through the engine's attach), and Node writes to a full pipe by queueing
 * the data in the process's own memory. A program writing in a tight loop
 * without waiting for 'drain' never lets that queue flush, so it grew until
 * MEMORY_LIMIT instead of reaching the output cap. Blocking writes (what Node
 * does for files and terminals, and for pipes on Windows) put the
 * backpressure in the kernel: the writer waits on a full pipe, the runner
 * keeps reading, and at its cap ends the run as OUTPUT_LIMIT with the head
 * kept. Applied when the program first touches the stream (they are lazy),
 * so a program that never uses them is unchanged.
 */
function blockOnFullPipe(name) {
  const desc = Object.getOwnPropertyDescriptor(process, name);
  if (!desc || typeof desc.get !== 'function' || !desc.configurable) return;
  let done = false;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: desc.enumerable,
    get() {
      const stream = desc.get.call(this);
      if (!done) {
        done = true;
        try {
          if (stream && stream._type === 'pipe' && stream._handle && typeof stream._handle.setBlocking === 'function') stream._handle.setBlocking(true);
        } catch {
          // Left as Node made it: the runner's cap still applies, only later.
        }
      }
      return stream;
    },
  });
}

if (isMainThread) {
  blockOnFullPipe('stdout');
  blockOnFullPipe('stderr');
  process.on('exit', (exitCode) => {
    try {
      const usage = process.resourceUsage();
      const line = JSON.stringify({
        pid: process.pid,
        startPpid,
        exitCode,
        maxRssBytes: usage.maxRSS * 1024,
        userUs: usage.userCPUTime,
        sysUs: usage.systemCPUTime,
      });
      const fd = fs.openSync(REPORT_PATH, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      try {
        fs.writeSync(fd, line + '\n');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // No FIFO (run outside Assay) or the runner stopped reading: the runner falls back to cgroup samples.
    }
  });
}
