import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileCpuLease, withLease } from './cpu-lease';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-lease-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, 'cpus-0-1.lock');

/** Runs a child Node process that takes the lease and ends without releasing it (`how`). */
function childHolding(how: 'exit' | 'SIGKILL'): void {
  const script = `
    require('tsx/cjs/api').register();
    const { FileCpuLease } = require(${JSON.stringify(path.join(__dirname, 'cpu-lease.ts'))});
    new FileCpuLease({ dir: ${JSON.stringify(dir)}, cpus: '0-1' }).acquire().then(() => {
      process.stdout.write('held\\n');
      ${how === 'exit' ? 'process.exit(0);' : "process.kill(process.pid, 'SIGKILL');"}
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(__dirname, '..', '..', '..') });
  expect(r.stdout).toBe('held\n');
}

describe('FileCpuLease', () => {
  it('lets one holder at a time through, the next one queued until the first releases', async () => {
    const lease = new FileCpuLease({ dir, cpus: '0-1', pollMs: 5 });
    const events: string[] = [];
    const first = await lease.acquire();
    events.push('first holds');
    const second = lease.acquire().then((hold) => {
      events.push('second holds');
      return hold;
    });
    await new Promise((r) => setTimeout(r, 100));
    events.push('first releases');
    first.release();
    const hold = await second;
    expect(events).toEqual(['first holds', 'first releases', 'second holds']);
    expect(hold.waitedMs).toBeGreaterThan(0);
    hold.release();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('serves waiters in arrival order: a holder that releases cannot jump the queue for its next pair', async () => {
    const lease = new FileCpuLease({ dir, cpus: '0-1', pollMs: 5 });
    const order: string[] = [];
    const first = await lease.acquire();
    const waiting = lease.acquire().then((hold) => {
      order.push('waiter');
      hold.release();
    });
    await new Promise((r) => setTimeout(r, 50)); // the waiter's ticket is in
    first.release();
    const again = await lease.acquire(); // the first holder's next pair
    order.push('first again');
    again.release();
    await waiting;
    expect(order).toEqual(['waiter', 'first again']);
  });

  it('is released by withLease when the work throws', async () => {
    const lease = new FileCpuLease({ dir, cpus: '0-1' });
    await expect(withLease(lease, async () => {
      expect(fs.existsSync(lockFile())).toBe(true);
      throw new Error('trial blew up');
    })).rejects.toThrow('trial blew up');
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('is released when its holder exits without reaching finally', () => {
    childHolding('exit');
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('is broken at once when its holder on this host was killed (its pid is gone)', async () => {
    childHolding('SIGKILL');
    expect(fs.existsSync(lockFile())).toBe(true); // nothing ran on the way out
    const hold = await new FileCpuLease({ dir, cpus: '0-1', staleMs: 60_000 }).acquire();
    hold.release();
  });

  it('is broken when a holder elsewhere stopped refreshing it, and never while it does', async () => {
    fs.writeFileSync(lockFile(), JSON.stringify({ host: 'another-host', pid: 1, token: 'theirs' }));
    const lease = new FileCpuLease({ dir, cpus: '0-1', staleMs: 300, pollMs: 10 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 150);
    // Fresh (just written): the waiter queues until it gives up.
    await expect(lease.acquire(controller.signal)).rejects.toThrow('aborted while waiting for the CPU lease');
    clearTimeout(timer);
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(lockFile(), old, old);
    const hold = await lease.acquire();
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).host).toBe(os.hostname());
    hold.release();
  });

  it('keeps its lock fresh while held, so a long trial is not taken for a dead one', async () => {
    const lease = new FileCpuLease({ dir, cpus: '0-1', staleMs: 300, pollMs: 10 });
    const hold = await lease.acquire();
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(lockFile(), old, old);
    while (fs.statSync(lockFile()).mtimeMs < old.getTime() + 5_000) await new Promise((r) => setTimeout(r, 20)); // the heartbeat (every staleMs / 3)
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    hold.release();
  });
});
