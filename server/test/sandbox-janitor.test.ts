import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import type Dockerode from 'dockerode';
import { OWNER_LABEL, SANDBOX_LABEL } from '../src/sandbox/sandbox.container-spec';
import { registerLiveContainer, removeInBackground, removeOrphanContainers, settleRemovals } from '../src/sandbox/sandbox.janitor';
import { ownerLabel } from '../src/sandbox/sandbox.owner';
import { containersLabelled, getTestSandbox } from './support/sandbox';

let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

async function createLabelled(owner: string, tag: string): Promise<Dockerode.Container> {
  return docker.createContainer({
    Image: image,
    Cmd: ['node', '-e', 'setTimeout(() => {}, 60000)'],
    Labels: { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: owner, 'assay.test': tag },
    HostConfig: { NetworkMode: 'none', AutoRemove: false },
  });
}

describe('removeOrphanContainers', () => {
  it('removes containers no live run owns and leaves a live owner’s alone', async () => {
    const tag = `janitor-${Date.now()}`;
    // An owner that has died: a process we started and waited for.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const ofDead = await createLabelled(`${deadPid}@${os.hostname()}`, tag);
      const ofUsButNotLive = await createLabelled(ownerLabel(), tag);
      await ofUsButNotLive.start(); // a running orphan too
      const ofLiveProcess = await createLabelled(`${alive.pid}@${os.hostname()}`, tag);

      const removed = await removeOrphanContainers(docker);
      expect(removed).toEqual(expect.arrayContaining([ofDead.id, ofUsButNotLive.id]));
      expect(removed).not.toContain(ofLiveProcess.id);
      const left = (await containersLabelled(docker, `assay.test=${tag}`)).map((c) => c.Id);
      expect(left).toEqual([ofLiveProcess.id]);

      // Past the age limit, even a live owner's container is an orphan.
      const removedOld = await removeOrphanContainers(docker, { maxAgeMs: -1 });
      expect(removedOld).toContain(ofLiveProcess.id);
      expect(await containersLabelled(docker, `assay.test=${tag}`)).toEqual([]);
    } finally {
      alive.kill();
      for (const c of await containersLabelled(docker, `assay.test=${tag}`)) {
        await docker.getContainer(c.Id).remove({ force: true });
      }
    }
  });

  it('leaves a finished run’s containers to their background removal, which settleRemovals awaits', async () => {
    const tag = `janitor-bg-${Date.now()}`;
    const running = await createLabelled(ownerLabel(), tag);
    await running.start();
    const created = await createLabelled(ownerLabel(), tag);
    for (const c of [running, created]) registerLiveContainer(c.id);
    let afterRan = false;
    // One id the engine does not know: refused, and the rest still goes ahead.
    removeInBackground(docker, [running.id, 'no-such-container', created.id], async () => {
      afterRan = true;
    });
    // Still live while removal is in flight: the janitor must not race it.
    const raced = await removeOrphanContainers(docker);
    expect(raced).not.toContain(running.id);
    expect(raced).not.toContain(created.id);
    await settleRemovals();
    expect(afterRan).toBe(true);
    expect(await docker.listContainers({ all: true, filters: { label: [`assay.test=${tag}`] } })).toEqual([]);
  });
});
