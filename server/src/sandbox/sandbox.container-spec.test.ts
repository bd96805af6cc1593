import fs from 'node:fs';
import { candidateContainerSpec, SANDBOX_ETC_HOSTS, sidecarContainerSpec } from './sandbox.container-spec';
import { DEFAULT_SANDBOX_LIMITS } from './sandbox.limits';

const base = {
  runId: 'run-1',
  image: 'assay-sandbox-node:test',
  command: ['node', 'main.js'],
  codeDir: '/srv/code',
  limits: DEFAULT_SANDBOX_LIMITS,
  probeFifo: '/tmp/assay-sandbox/run-1/probe',
  openStdin: false,
  labels: { 'assay.submission': 's-1' },
};

describe('candidateContainerSpec', () => {
  const spec = candidateContainerSpec({ ...base, env: { NODE_OPTIONS: '--stack-size=2000', FOO: 'bar' }, cpuset: '1' });
  const host = spec.HostConfig!;

  it('isolates: no network, no privilege, non-root, read-only root', () => {
    expect(host.NetworkMode).toBe('none');
    // No libnetwork at all: runc's fresh namespace, loopback only (sandbox-abuse.test.ts proves it from inside).
    expect(spec.NetworkDisabled).toBe(true);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.SecurityOpt).toEqual(['no-new-privileges']);
    expect(host.Privileged).toBe(false);
    expect(spec.User).toBe('10001:10001');
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.IpcMode).toBe('none');
  });

  it('applies every limit', () => {
    expect(host.Memory).toBe(DEFAULT_SANDBOX_LIMITS.memoryBytes);
    expect(host.MemorySwap).toBe(DEFAULT_SANDBOX_LIMITS.memoryBytes);
    expect(host.PidsLimit).toBe(DEFAULT_SANDBOX_LIMITS.pids);
    expect(host.CpusetCpus).toBe('1');
    expect(host.Tmpfs).toEqual({ '/tmp': `rw,nosuid,nodev,size=${DEFAULT_SANDBOX_LIMITS.tmpfsBytes},mode=1777` });
    expect(host.Ulimits).toContainEqual({ Name: 'nofile', Soft: 1024, Hard: 1024 });
  });

  it('mounts only the code, the probe FIFO, /etc/hosts and request mounts, all read-only', () => {
    expect(host.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/code', Target: '/app', ReadOnly: true },
      { Type: 'bind', Source: base.probeFifo, Target: '/run/assay/probe', ReadOnly: true },
      { Type: 'bind', Source: expect.stringMatching(/assay-sandbox\/etc-hosts$/), Target: '/etc/hosts', ReadOnly: true },
    ]);
    expect(host.Binds).toBeUndefined();
  });

  it('preloads the probe before the program’s own NODE_OPTIONS and labels the run', () => {
    expect(spec.Env).toContain('NODE_OPTIONS=--require /opt/assay/probe.js --stack-size=2000');
    expect(spec.Env).toContain('FOO=bar');
    expect(spec.Labels).toEqual({ 'assay.submission': 's-1', 'assay.sandbox': '1', 'assay.run': 'run-1', 'assay.role': 'candidate' });
  });

  it('cannot have its run label overridden by request labels', () => {
    const forged = candidateContainerSpec({ ...base, labels: { 'assay.run': 'other', 'assay.sandbox': '0' } });
    expect(forged.Labels).toMatchObject({ 'assay.run': 'run-1', 'assay.sandbox': '1' });
  });
});

describe('sidecarContainerSpec', () => {
  it('joins only the candidate network namespace, with the same hardening', () => {
    const spec = sidecarContainerSpec({ ...base, candidateId: 'abc', mounts: [{ hostPath: '/h', containerPath: '/harness' }], cpuset: '0' });
    expect(spec.HostConfig).toMatchObject({
      NetworkMode: 'container:abc',
      CapDrop: ['ALL'],
      ReadonlyRootfs: true,
      CpusetCpus: '0',
      Mounts: [
        { Type: 'bind', Source: '/h', Target: '/harness', ReadOnly: true },
        { Type: 'bind', Source: expect.stringMatching(/assay-sandbox\/etc-hosts$/), Target: '/etc/hosts', ReadOnly: true },
      ],
    });
    expect(spec.Labels).toMatchObject({ 'assay.role': 'sidecar', 'assay.run': 'run-1' });
  });
});

describe('the platform /etc/hosts', () => {
  it('is written where the engine can mount it, and names only the loopback', () => {
    const mount = candidateContainerSpec(base).HostConfig!.Mounts!.find((m) => m.Target === '/etc/hosts')!;
    expect(fs.readFileSync(mount.Source!, 'utf8')).toBe(SANDBOX_ETC_HOSTS);
    expect(SANDBOX_ETC_HOSTS.split('\n').filter(Boolean).every((l) => /^(127\.0\.0\.1|::1)\t/.test(l))).toBe(true);
  });
});
