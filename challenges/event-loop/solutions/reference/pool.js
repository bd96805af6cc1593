'use strict';
/**
 * A fixed pool of worker threads with a FIFO queue. A worker that dies fails
 * its job and is replaced, so one bad job cannot take the pool down.
 */
const { Worker } = require('node:worker_threads');

class WorkerPool {
  constructor(file, size) {
    this.file = file;
    this.idle = [];
    this.queue = [];
    this.jobs = new Map(); // id -> {resolve, reject, worker}
    this.nextId = 1;
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  spawn() {
    const worker = new Worker(this.file);
    worker.on('message', ({ id, digest }) => {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      this.release(worker);
      job.resolve(digest);
    });
    worker.on('error', (err) => this.replace(worker, err));
    worker.on('exit', (code) => code !== 0 && this.replace(worker, new Error(`worker exited with ${code}`)));
    worker.unref(); // idle workers must not keep the process alive
    return worker;
  }

  replace(worker, err) {
    for (const [id, job] of this.jobs) {
      if (job.worker !== worker) continue;
      this.jobs.delete(id);
      job.reject(err);
    }
    this.idle = this.idle.filter((w) => w !== worker);
    this.release(this.spawn());
  }

  release(worker) {
    const next = this.queue.shift();
    if (next) this.dispatch(worker, next);
    else this.idle.push(worker);
  }

  dispatch(worker, task) {
    this.jobs.set(task.id, { ...task, worker });
    worker.postMessage({ id: task.id, data: task.data, rounds: task.rounds });
  }

  /** Resolves with the digest of `rounds` SHA-256 rounds over `data`. */
  run(data, rounds) {
    return new Promise((resolve, reject) => {
      const task = { id: this.nextId++, data, rounds, resolve, reject };
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker, task);
      else this.queue.push(task);
    });
  }
}

module.exports = { WorkerPool };
