import type Dockerode from 'dockerode';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';

jest.setTimeout(120_000);

/**
 * The sandbox image on its own, with plain Engine API calls (no runner):
 * it must run Node offline, as a non-root user, under an enforced memory limit.
 */
const docker: Dockerode = createDockerClient();
let image: string;

beforeAll(async () => {
  image = await ensureSandboxImage(docker);
});

async function runNode(script: string, memoryBytes = 128 * 1024 * 1024) {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['node', '-e', script],
    Labels: { 'assay.test': 'platform-image' },
    HostConfig: { NetworkMode: 'none', Memory: memoryBytes, MemorySwap: memoryBytes },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    let output = '';
    const out = { write: (b: Buffer) => (output += b.toString()) } as unknown as NodeJS.WritableStream;
    docker.modem.demuxStream(stream, out, out);
    await container.start();
    const { StatusCode } = await container.wait();
    const info = await container.inspect();
    return { exitCode: StatusCode as number, output, oomKilled: info.State.OOMKilled };
  } finally {
    await container.remove({ force: true });
  }
}

it('is tagged with a hash of its inputs, and a second ensure is a no-op', async () => {
  expect(image).toMatch(/^assay-sandbox-node:[0-9a-f]{12,}$/);
  expect(await ensureSandboxImage(docker)).toBe(image);
});

it('runs node -e offline as a non-root user', async () => {
  const run = await runNode(
    `const os = require('os');
     console.log(JSON.stringify({ v: process.version, uid: process.getuid(), ifaces: Object.keys(os.networkInterfaces()) }));`,
  );
  expect(run.exitCode).toBe(0);
  const facts = JSON.parse(run.output.trim().split('\n').pop()!);
  expect(facts.v).toMatch(/^v24\./);
  expect(facts.uid).not.toBe(0);
  expect(facts.ifaces).toEqual(['lo']);
});

it('cannot reach the network', async () => {
  const run = await runNode(
    `require('net').connect(53, '1.1.1.1').on('connect', () => { console.log('CONNECTED'); process.exit(0) })
       .on('error', (e) => { console.log('ERR ' + e.code); process.exit(3) });`,
  );
  expect(run.output).not.toContain('CONNECTED');
  expect(run.output).toMatch(/ERR (ENETUNREACH|EHOSTUNREACH)/);
});

it('enforces the memory limit: allocating past it is an OOM kill', async () => {
  const run = await runNode(
    `const keep = []; for (let i = 0; i < 64; i++) keep.push(Buffer.alloc(16 * 1024 * 1024, 1)); console.log('SURVIVED');`,
    96 * 1024 * 1024,
  );
  expect(run.output).not.toContain('SURVIVED');
  expect(run.oomKilled).toBe(true);
  expect(run.exitCode).toBe(137);
});
