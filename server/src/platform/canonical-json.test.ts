import { canonicalHash, canonicalJson, sameJson } from './canonical-json';

describe('canonicalJson', () => {
  it('ignores key order at every depth, as a jsonb round trip reorders them', () => {
    const written = { version: 1, challenge: 'x', dimensions: [{ name: 'memory', weight: 20, curve: [[1, 1], [2, 0]] }] };
    const fromJsonb = { challenge: 'x', version: 1, dimensions: [{ curve: [[1, 1], [2, 0]], name: 'memory', weight: 20 }] };
    expect(JSON.stringify(written)).not.toBe(JSON.stringify(fromJsonb));
    expect(canonicalJson(written)).toBe(canonicalJson(fromJsonb));
    expect(sameJson(written, fromJsonb)).toBe(true);
    expect(canonicalHash(written)).toBe(canonicalHash(fromJsonb));
  });

  it('tells different data apart: values, array order, and missing keys', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: 2 }));
    expect(canonicalHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops undefined members like JSON.stringify', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });
});
