import os from 'node:os';
import type Dockerode from 'dockerode';
import { OWNER_LABEL, SANDBOX_LABEL } from './sandbox.container-spec';
import { removeOrphanContainers } from './sandbox.janitor';

/** An engine holding one orphan (its owner process is gone) whose removal answers `statusCode`. */
function engineRefusingRemoval(statusCode: number): Dockerode {
  const orphan = { Id: 'orphan-1', Created: Math.floor(Date.now() / 1000), Labels: { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: `999999999@${os.hostname()}` } };
  return {
    listContainers: async () => [orphan],
    getContainer: () => ({
      remove: async () => {
        throw Object.assign(new Error(`(HTTP code ${statusCode})`), { statusCode });
      },
    }),
  } as unknown as Dockerode;
}

describe('removeOrphanContainers', () => {
  it('takes a removal already in progress (409) or a container already gone (404) as done, so a worker still starts', async () => {
    await expect(removeOrphanContainers(engineRefusingRemoval(409))).resolves.toEqual([]);
    await expect(removeOrphanContainers(engineRefusingRemoval(404))).resolves.toEqual([]);
  });

  it('reports any other refusal of the engine', async () => {
    await expect(removeOrphanContainers(engineRefusingRemoval(500))).rejects.toThrow('HTTP code 500');
  });
});
