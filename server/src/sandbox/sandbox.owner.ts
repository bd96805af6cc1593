import os from 'node:os';

/**
 * Who made a sandbox resource (a container, a probe FIFO folder), so that a
 * janitor elsewhere can tell an orphan from a live run's.
 */

/** `<pid>@<hostname>`: which process owns a sandbox container, so a janitor elsewhere leaves it alone. */
export function ownerLabel(): string {
  return `${process.pid}@${os.hostname()}`;
}

/** Whether the process named by an owner label (`<pid>@<hostname>`) is known to be gone: only asked of this host's. */
export function ownerIsGone(owner: string | undefined): boolean {
  if (!owner) return true;
  const [pid, host] = owner.split('@');
  if (host !== os.hostname()) return false; // another host's (or container's) worker: only age decides
  if (Number(pid) === process.pid) return false; // ours: the caller decides (a container by the live set)
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

