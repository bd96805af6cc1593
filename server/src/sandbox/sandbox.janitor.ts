import type Dockerode from 'dockerode';
import { OWNER_LABEL, SANDBOX_LABEL } from './sandbox.container-spec';
import { ownerIsGone, ownerLabel } from './sandbox.owner';

/** Containers this process has created and not yet removed. */
const live = new Set<string>();

/** Labels that tie a container to this process; put them on every sandbox container (pooled ones too). */
export function ownerLabels(): Record<string, string> {
  return { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: ownerLabel() };
}

export function registerLiveContainer(id: string): void {
  live.add(id);
}

export function unregisterLiveContainer(id: string): void {
  live.delete(id);
}

/** Removals started once a run's result was known, not finished yet. */
const removing = new Set<Promise<void>>();

/**
 * Force-removes a finished run's containers without making its result wait
 * (removal is an Engine round trip of 10–80 ms on the 2-core box), then runs
 * `after` (the run's own host-side cleanup). Each container stays in the live
 * set until its removal has been tried; one the engine refused is then an
 * orphan for removeOrphanContainers. `settleRemovals` awaits them all.
 */
export function removeInBackground(docker: Dockerode, ids: string[], after?: () => Promise<void>): void {
  const removal = Promise.all(
    ids.map(async (id) => {
      try {
        await docker.getContainer(id).remove({ force: true, v: true });
      } catch {
        // Already gone, or the engine refused now: the janitor takes it.
      } finally {
        unregisterLiveContainer(id);
      }
    }),
  )
    .then(() => after?.())
    .catch(() => {})
    .finally(() => removing.delete(removal));
  removing.add(removal);
}

/** Resolves once every background removal started so far has ended. Await it before the process exits (worker close, tests). */
export async function settleRemovals(): Promise<void> {
  while (removing.size > 0) await Promise.all([...removing]);
}

export interface RemoveOrphansOptions {
  /**
   * A container older than this is an orphan whoever owns it: no run lasts
   * that long, and an owner on another host cannot be asked. @defaultValue 30 minutes
   */
  maxAgeMs?: number;
}

/**
 * Removes every container labelled `assay.sandbox=1` that no live run owns:
 * ours that are not in the live set, those whose owner process on this host
 * has died, and any older than `maxAgeMs`. Call it when a worker starts (a
 * crash leaves containers behind). Returns the ids it removed.
 */
export async function removeOrphanContainers(docker: Dockerode, opts: RemoveOrphansOptions = {}): Promise<string[]> {
  const maxAgeMs = opts.maxAgeMs ?? 30 * 60_000;
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  const removed: string[] = [];
  for (const c of containers) {
    const owner = c.Labels[OWNER_LABEL];
    const mine = owner === ownerLabel();
    const tooOld = Date.now() - c.Created * 1000 > maxAgeMs;
    const orphan = mine ? !live.has(c.Id) : ownerIsGone(owner) || tooOld;
    if (!orphan) continue;
    try {
      await docker.getContainer(c.Id).remove({ force: true, v: true });
      removed.push(c.Id);
    } catch (err) {
      // Already gone (404), or being removed already (409: its run's background removal, or another
      // worker's janitor got there first): either way it is going. Anything else is worth knowing.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw err;
    }
  }
  return removed;
}
