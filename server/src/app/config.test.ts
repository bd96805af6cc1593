import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      role: 'all',
      databaseUrl: undefined,
      redisUrl: undefined,
      embeddedPgPort: 54329,
      localRedisPort: 6390,
      dockerSocket: '/var/run/docker.sock',
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.workerConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('gives candidates a 30 s grace after the deadline unless DEADLINE_GRACE_SEC says otherwise', () => {
    expect(loadConfig({}).deadlineGraceMs).toBe(30_000);
    expect(loadConfig({ DEADLINE_GRACE_SEC: '0' }).deadlineGraceMs).toBe(0);
    expect(() => loadConfig({ DEADLINE_GRACE_SEC: '-5' })).toThrow(/DEADLINE_GRACE_SEC must be a whole number/);
    expect(() => loadConfig({ DEADLINE_GRACE_SEC: '3601' })).toThrow(/DEADLINE_GRACE_SEC must be at most 3600/);
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '8080',
      ASSAY_ROLE: 'worker',
      DATABASE_URL: 'postgres://u:p@db:5432/assay',
      REDIS_URL: 'redis://cache:6379',
      WORKER_CONCURRENCY: '4',
      ASSAY_DATA_DIR: '/var/lib/assay',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      role: 'worker',
      databaseUrl: 'postgres://u:p@db:5432/assay',
      redisUrl: 'redis://cache:6379',
      workerConcurrency: 4,
      dataDir: '/var/lib/assay',
      logLevel: 'debug',
    });
  });

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together, and never echoes the password', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.com' })).toThrow(/ADMIN_PASSWORD must be set together with ADMIN_EMAIL/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'hunter2' })).toThrow(/^Invalid configuration: ADMIN_PASSWORD must be at least 12 characters$/);
    expect(loadConfig({ ADMIN_EMAIL: 'A@Example.com', ADMIN_PASSWORD: 'long enough secret' }).admin).toEqual({ email: 'a@example.com', password: 'long enough secret' });
  });

  it('refuses a stall timeout that is not below the job lock, naming the variable', () => {
    expect(() => loadConfig({ WORKER_LOCK_MS: '3000' })).toThrow(/^Invalid configuration: WORKER_STALL_SEC must be below WORKER_LOCK_MS \(3000 ms\).*it is 20 s \(its default\)$/);
    expect(() => loadConfig({ WORKER_LOCK_MS: '5000', WORKER_STALL_SEC: '5' })).toThrow(/WORKER_STALL_SEC must be below WORKER_LOCK_MS \(5000 ms\).*it is 5 s$/);
    expect(loadConfig({ WORKER_LOCK_MS: '5000', WORKER_STALL_SEC: '4' }).jobs).toMatchObject({ lockMs: 5000, stallMs: 4000 });
  });

  it('reads the operator sandbox ceiling in the runner units, only the variables set', () => {
    expect(loadConfig({}).sandboxLimits).toEqual({});
    expect(loadConfig({ SANDBOX_MEMORY_MIB: '512', SANDBOX_OUTPUT_KIB: '2048', SANDBOX_WALL_TIME_SEC: '90' }).sandboxLimits).toEqual({
      memoryBytes: 512 * 1024 * 1024,
      outputBytes: 2048 * 1024,
      wallTimeMs: 90_000,
    });
    expect(() => loadConfig({ SANDBOX_MEMORY_MIB: '8' })).toThrow(/SANDBOX_MEMORY_MIB must be at least 32/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 1 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be at most 65535/],
    ['ASSAY_ROLE', 'cron', /ASSAY_ROLE/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['WORKER_CONCURRENCY', '0', /WORKER_CONCURRENCY must be at least 1/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('rejects %s=%s with a message naming it', (variable, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(/^Invalid configuration: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
