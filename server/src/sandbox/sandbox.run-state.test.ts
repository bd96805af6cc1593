import { RunLifecycle } from './sandbox.run-state';

describe('RunLifecycle', () => {
  it('walks the happy path', () => {
    const run = new RunLifecycle();
    for (const s of ['CREATED', 'STARTED', 'EXITED', 'COLLECTED'] as const) run.to(s);
    expect(run.state).toBe('COLLECTED');
  });

  it('refuses skipped or backward steps', () => {
    const run = new RunLifecycle();
    expect(() => run.to('STARTED')).toThrow(/from NEW to STARTED/);
    run.to('CREATED');
    run.to('STARTED');
    run.to('EXITED');
    expect(() => run.to('KILLED')).toThrow(/from EXITED to KILLED/);
  });

  it('keeps the first kill reason and only while started', () => {
    const run = new RunLifecycle();
    expect(run.decideKill('TIME_LIMIT')).toBe(false);
    run.to('CREATED');
    run.to('STARTED');
    expect(run.decideKill('OUTPUT_LIMIT')).toBe(true);
    expect(run.decideKill('TIME_LIMIT')).toBe(false);
    expect(run.killReason).toBe('OUTPUT_LIMIT');
    run.withdrawKill();
    expect(run.killReason).toBeNull();
  });
});
