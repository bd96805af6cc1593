import { DEFAULT_SANDBOX_LIMITS, resolveLimits, SandboxLimitError } from './sandbox.limits';

describe('resolveLimits', () => {
  it('uses the configured limits when nothing is requested', () => {
    expect(resolveLimits(DEFAULT_SANDBOX_LIMITS, {})).toEqual(DEFAULT_SANDBOX_LIMITS);
    expect(resolveLimits()).toEqual(DEFAULT_SANDBOX_LIMITS);
  });

  it('lets a request lower a limit', () => {
    const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, { memoryBytes: 64 * 1024 * 1024, wallTimeMs: 2000 });
    expect(limits.memoryBytes).toBe(64 * 1024 * 1024);
    expect(limits.wallTimeMs).toBe(2000);
    expect(limits.pids).toBe(DEFAULT_SANDBOX_LIMITS.pids);
  });

  it('refuses a raise with a clear error', () => {
    expect(() => resolveLimits(DEFAULT_SANDBOX_LIMITS, { pids: DEFAULT_SANDBOX_LIMITS.pids + 1 })).toThrow(
      /pids 65 cannot exceed the configured limit 64/,
    );
  });

  it('refuses nonsense values and unknown names', () => {
    expect(() => resolveLimits(DEFAULT_SANDBOX_LIMITS, { wallTimeMs: 1.5 })).toThrow(SandboxLimitError);
    expect(() => resolveLimits(DEFAULT_SANDBOX_LIMITS, { memoryBytes: 1024 })).toThrow(/at least/);
    expect(() => resolveLimits(DEFAULT_SANDBOX_LIMITS, { cpus: 2 } as never)).toThrow(/Unknown sandbox limit "cpus"/);
    expect(() => resolveLimits({ ...DEFAULT_SANDBOX_LIMITS, nofile: -1 })).toThrow(/configured nofile/);
  });
});
