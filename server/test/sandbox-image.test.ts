import type Dockerode from 'dockerode';
import { ensureSandboxImage, sandboxImageTag } from '../src/sandbox/image/sandbox-image';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import { getTestSandbox, makeCodeDir } from './support/sandbox';

let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

describe('sandbox image', () => {
  it('is tagged by the hash of its inputs', () => {
    expect(image).toBe(sandboxImageTag());
    expect(image).toMatch(/^assay-sandbox-node:[0-9a-f]{16}$/);
  });

  it('is left untouched by a second ensureSandboxImage', async () => {
    const before = await docker.getImage(image).inspect();
    expect(await ensureSandboxImage(docker)).toBe(image);
    const after = await docker.getImage(image).inspect();
    expect(after.Id).toBe(before.Id);
    expect(after.Created).toBe(before.Created);
  });

  it('runs as the non-root sandbox user in /app, with the probe and Node 24', async () => {
    const config = (await docker.getImage(image).inspect()).Config;
    expect(config.User).toBe('10001:10001');
    expect(config.WorkingDir).toBe('/app');
    const result = await runInSandbox(docker, image, {
      codeDir: makeCodeDir({ 'main.js': 'console.log(process.version, require("fs").existsSync("/opt/assay/probe.js"), require("os").userInfo().username)' }),
      command: ['node', 'main.js'],
    });
    expect(result.stdout.text).toMatch(/^v24\.\d+\.\d+ true sandbox\n$/);
  });
});
