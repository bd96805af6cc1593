import { DEFAULT_SANDBOX_LIMITS } from '../../sandbox/sandbox.limits';
import { limitCeiling, withinCeiling } from './judge.limits';

const MiB = 1024 * 1024;

describe('limitCeiling', () => {
  it('is the platform defaults when nothing asks for more', () => {
    expect(limitCeiling([{ memoryBytes: 64 * MiB }])).toEqual(DEFAULT_SANDBOX_LIMITS);
  });

  it('grows to what a (trusted) challenge asks for', () => {
    const ceiling = limitCeiling([{ wallTimeMs: 300_000 }, { memoryBytes: 512 * MiB }]);
    expect(ceiling.wallTimeMs).toBe(300_000);
    expect(ceiling.memoryBytes).toBe(512 * MiB);
  });

  it("puts the operator's configured limits first, lower or higher, key by key", () => {
    const ceiling = limitCeiling([{ wallTimeMs: 300_000, memoryBytes: 512 * MiB }], { memoryBytes: 128 * MiB, outputBytes: 4 * MiB });
    expect(ceiling).toEqual({ ...DEFAULT_SANDBOX_LIMITS, wallTimeMs: 300_000, memoryBytes: 128 * MiB, outputBytes: 4 * MiB });
  });
});

describe('withinCeiling', () => {
  it("keeps the platform's own generous requests under the ceiling", () => {
    const ceiling = { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 128 * MiB };
    expect(withinCeiling({ memoryBytes: 512 * MiB, wallTimeMs: 5_000 }, ceiling)).toEqual({ memoryBytes: 128 * MiB, wallTimeMs: 5_000 });
  });
});
