import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProbeChannel, removeOrphanFifoDirs } from './sandbox.probe-channel';

/** What the probe in a container writes: one JSON line at a Node process's exit. */
function writeReport(fifo: string, maxRssBytes: number): void {
  const fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  fs.writeSync(fd, JSON.stringify({ pid: 1, startPpid: 0, exitCode: 0, maxRssBytes, userUs: maxRssBytes, sysUs: 0 }) + '\n');
  fs.closeSync(fd);
}

describe('ProbeChannel', () => {
  it('gives every run its own FIFO, even when many open at once (judge --jobs 2, WORKER_CONCURRENCY=2)', async () => {
    // A first open leaves a FIFO made ahead for the next one: the shared slot concurrent opens once all received.
    await (await ProbeChannel.open('first')).close();
    for (let round = 0; round < 3; round++) {
      const channels = await Promise.all(Array.from({ length: 8 }, (_, i) => ProbeChannel.open(`run-${round}-${i}`)));
      expect(new Set(channels.map((c) => c.hostPath)).size).toBe(channels.length);

      channels.forEach((c, i) => writeReport(c.hostPath, 1000 + i));
      channels.forEach((c) => c.drain());
      channels.forEach((c, i) => expect(c.reports.map((r) => r.maxRssBytes)).toEqual([1000 + i]));

      // Closing one (it deletes its FIFO) leaves the others' working.
      await channels[0]!.close();
      expect(fs.existsSync(channels[0]!.hostPath)).toBe(false);
      writeReport(channels[1]!.hostPath, 7);
      channels[1]!.drain();
      expect(channels[1]!.reports.map((r) => r.maxRssBytes)).toEqual([1001, 7]);
      await Promise.all(channels.slice(1).map((c) => c.close()));
    }
  });
});

describe('removeOrphanFifoDirs', () => {
  const base = path.join(os.tmpdir(), 'assay-sandbox');
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A FIFO folder as makeFifo leaves it (a plain file stands in for the pipe). */
  function fifoDir(owner: string | null, ageMs = 0): string {
    fs.mkdirSync(base, { recursive: true });
    const dir = fs.mkdtempSync(path.join(base, 'test-sweep-'));
    made.push(dir);
    fs.writeFileSync(path.join(dir, 'probe'), '');
    if (owner !== null) fs.writeFileSync(path.join(dir, 'owner'), owner);
    const when = new Date(Date.now() - ageMs);
    fs.utimesSync(dir, when, when);
    return dir;
  }

  it("removes the folders of this host's dead processes (SIGKILL skips the exit hook) and old ones of unknown owner, nothing else", async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited and reaped: its pid is gone
    const host = os.hostname();
    const ofDead = fifoDir(`${dead}@${host}`);
    const ours = fifoDir(`${process.pid}@${host}`);
    const ofParent = fifoDir(`${process.ppid}@${host}`); // alive
    const otherHost = fifoDir(`${dead}@not-${host}`);
    const oldUnknown = fifoDir(null, 2 * 60 * 60_000);
    const newUnknown = fifoDir(null);
    const notFifo = fs.mkdtempSync(path.join(base, 'test-sweep-plain-'));
    made.push(notFifo);

    const removed = await removeOrphanFifoDirs();
    expect(removed).toEqual(expect.arrayContaining([ofDead, oldUnknown]));
    for (const dir of [ours, ofParent, otherHost, newUnknown, notFifo]) expect(removed).not.toContain(dir);
    expect(fs.existsSync(ofDead)).toBe(false);
    expect(fs.existsSync(oldUnknown)).toBe(false);
    expect([ours, ofParent, otherHost, newUnknown, notFifo].every((dir) => fs.existsSync(dir))).toBe(true);
  });

  it('names its own FIFO folders after their owner, so a later sweep can tell', async () => {
    const channel = await ProbeChannel.open('owned');
    const dir = path.dirname(channel.hostPath);
    expect(fs.readFileSync(path.join(dir, 'owner'), 'utf8')).toBe(`${process.pid}@${os.hostname()}`);
    expect(await removeOrphanFifoDirs()).not.toContain(dir);
    await channel.close();
  });
});
