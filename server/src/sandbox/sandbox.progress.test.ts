import fs from 'node:fs';
import { parseIoRchar, parseStatCpuMs, processTree, readProgress } from './sandbox.progress';

describe('parsing the kernel counters', () => {
  it('reads rchar from /proc/<pid>/io', () => {
    const io = 'rchar: 10737418240\nwchar: 512\nsyscr: 163840\nsyscw: 3\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n';
    expect(parseIoRchar(io)).toBe(10737418240);
    expect(parseIoRchar('wchar: 5\n')).toBeNull();
  });
  it('reads utime + stime from /proc/<pid>/stat, even with spaces and parentheses in the command', () => {
    const stat = '4242 (node (a) b) R 1 4242 4242 0 -1 4194560 9000 0 0 0 250 31 0 0 20 0 11 0 12345 1000000 20000 18446744073709551615';
    expect(parseStatCpuMs(stat)).toBe(2810);
    expect(parseStatCpuMs('garbage')).toBeNull();
  });
});

describe('the process tree', () => {
  it('follows every thread’s children list, once per process', () => {
    const files: Record<string, string> = {
      '/proc/1/task/1/children': '7 9',
      '/proc/1/task/2/children': '9',
      '/proc/7/task/7/children': '11 ',
      '/proc/9/task/9/children': '',
      '/proc/11/task/11/children': '',
    };
    const tasks: Record<string, string[]> = { '/proc/1/task': ['1', '2'], '/proc/7/task': ['7'], '/proc/9/task': ['9'], '/proc/11/task': ['11'] };
    expect(processTree(1, (f) => files[f] ?? null, (d) => tasks[d] ?? []).sort((a, b) => a - b)).toEqual([1, 7, 9, 11]);
  });
});

describe('readProgress on a real process', () => {
  it('counts what this process has read and the CPU it used', () => {
    const before = readProgress(process.pid, Date.now() - 10)!;
    fs.readFileSync(__filename);
    fs.readFileSync('/proc/self/status');
    const after = readProgress(process.pid, Date.now() - 10)!;
    expect(after.readBytes - before.readBytes).toBeGreaterThanOrEqual(fs.statSync(__filename).size);
    expect(after.cpuMs).toBeGreaterThan(0);
    expect(after.atMs).toBeGreaterThanOrEqual(10);
    expect(readProgress(0, Date.now())).toBeNull();
  });
});
