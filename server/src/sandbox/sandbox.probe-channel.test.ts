import fs from 'node:fs';
import { ProbeChannel } from './sandbox.probe-channel';

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
