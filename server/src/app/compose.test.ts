import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './config';
import { repoRoot } from '../platform/paths';

/**
 * docker-compose.yml cannot be run on the offline machines, so these checks
 * keep it true to the code: the services exist, and the environment each app
 * service gets is one our config accepts, with the role it is meant to have.
 */
const compose = parse(fs.readFileSync(path.join(repoRoot(), 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; build?: string; image?: string; depends_on?: object; volumes?: string[]; restart?: string; pid?: string }>;
};

it('describes postgres, redis, api and worker', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
  expect(compose.services.api!.build).toBe('.');
  expect(compose.services.worker!.build).toBe('.');
  expect(fs.existsSync(path.join(repoRoot(), 'Dockerfile'))).toBe(true);
});

it.each([
  ['api', 'api'],
  ['worker', 'worker'],
])('gives the %s service a configuration the app accepts, as role %s', (service, role) => {
  const env = Object.fromEntries(
    Object.entries(compose.services[service]!.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\w+\}/g, 'secret')]),
  );
  const config = loadConfig(env);
  expect(config.role).toBe(role);
  expect(new URL(config.databaseUrl!).hostname).toBe('postgres');
  expect(new URL(config.redisUrl!).hostname).toBe('redis');
});

it('lets the worker reach the Docker engine and share its data path with the host', () => {
  const volumes = compose.services.worker!.volumes ?? [];
  expect(volumes).toContain('/var/run/docker.sock:/var/run/docker.sock');
  const dataDir = compose.services.worker!.environment!.ASSAY_DATA_DIR!;
  expect(volumes).toContain(`${dataDir}:${dataDir}`);
});

it('restarts a worker that ended itself (a stalled event loop exits for its supervisor to restart)', () => {
  expect(compose.services.worker!.restart).toBe('unless-stopped');
});

it('lets the worker measure sandboxes from the host (its /proc and cgroup files)', () => {
  expect(compose.services.worker!.pid).toBe('host');
  expect(compose.services.worker!.volumes ?? []).toContain('/sys/fs/cgroup:/sys/fs/cgroup:ro');
});
