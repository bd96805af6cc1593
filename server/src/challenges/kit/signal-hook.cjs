'use strict';
/**
 * Assay platform hook, preloaded (`node --require`) into the candidate's
 * server for challenges about signals. The harness runs in another container
 * that shares only the network, so it cannot signal the process; like an
 * orchestrator stopping a pod, it connects to 127.0.0.1:ASSAY_SIGNAL_PORT and
 * writes "SIGTERM", and this hook sends that signal to its own process.
 *
 * It holds no secret and keeps nothing alive: its listener and sockets are
 * unref'd, so the program exits exactly as it would without it.
 */
const net = require('node:net');
const { isMainThread } = require('node:worker_threads');

const port = Number(process.env.ASSAY_SIGNAL_PORT);
// Only the main thread of the first process: workers and children inherit --require.
if (port && isMainThread && !process.env.ASSAY_SIGNAL_HOOKED) {
  process.env.ASSAY_SIGNAL_HOOKED = '1';
  const control = net.createServer((socket) => {
    socket.unref();
    socket.on('error', () => {});
    socket.once('data', (data) => {
      const signal = String(data).trim();
      if (signal !== 'SIGTERM' && signal !== 'SIGINT') return void socket.destroy();
      control.close();
      socket.end(`${signal} sent\n`);
      process.kill(process.pid, signal);
    });
  });
  control.on('error', () => {}); // a port in use must not break the program
  control.listen(port, '127.0.0.1');
  control.unref();
}
