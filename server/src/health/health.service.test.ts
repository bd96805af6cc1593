import { checkHealth } from './health.service';

describe('checkHealth', () => {
  it('is ok when every probe answers', async () => {
    const report = await checkHealth({
      database: async () => 'postgres 18',
      queue: async () => 'redis PONG',
      docker: async () => 'engine 20.10',
    });
    expect(report.status).toBe('ok');
    expect(report.down).toEqual([]);
    expect(report.components.database).toMatchObject({ ok: true, detail: 'postgres 18' });
  });

  it('names what is down, with the reason, and times out hung probes', async () => {
    const report = await checkHealth(
      {
        database: async () => 'ok',
        queue: () => new Promise(() => undefined),
        docker: async () => {
          throw new Error('connect ENOENT /var/run/docker.sock');
        },
      },
      50,
    );
    expect(report.status).toBe('degraded');
    expect(report.down).toEqual(['queue', 'docker']);
    expect(report.components.queue.detail).toBe('no answer within 50 ms');
    expect(report.components.docker.detail).toContain('ENOENT');
  });
});
