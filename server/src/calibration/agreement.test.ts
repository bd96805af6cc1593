import { krippendorffAlpha, pairableValues } from './agreement';

/**
 * Worked examples of Krippendorff, K. (2011), "Computing Krippendorff's
 * Alpha-Reliability", Annenberg School for Communication Departmental
 * Papers 43, with the values the paper prints (three decimals).
 */
describe('krippendorffAlpha', () => {
  const _ = null;
  // Section C–F: four observers, twelve units, values 1–5, missing values (unit 12 has one value only).
  const fourObservers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('four observers with missing values, %s: %s', (level, published) => {
    expect(krippendorffAlpha(fourObservers, level)).toBeCloseTo(published, 3);
  });

  it('counts only pairable values: unit 12 (one value) is left out, n = 40', () => {
    expect(pairableValues(fourObservers)).toBe(40);
  });

  it('two observers, binary data, no missing values (section A): 0.095', () => {
    const binary = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(binary, 'nominal')).toBeCloseTo(0.095, 3);
  });

  it('two observers, nominal data, no missing values (section B): 0.692', () => {
    // Values a…e coded 1…5 (nominal: only equality matters).
    const [a, b, c, d, e] = [1, 2, 3, 4, 5];
    const nominal = [
      [a, a, b, b, d, c, c, c, e, d, d, a],
      [b, a, b, b, b, c, c, c, e, d, d, d],
    ];
    expect(krippendorffAlpha(nominal, 'nominal')).toBeCloseTo(0.692, 3);
  });

  it('is 1 for perfect agreement with variation, and does not depend on rater order', () => {
    const perfect = [
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 5],
      [1, null, 3, 4, 5],
    ];
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(perfect, level)).toBe(1);
    expect(krippendorffAlpha([...fourObservers].reverse(), 'ordinal')).toBeCloseTo(krippendorffAlpha(fourObservers, 'ordinal'), 12);
  });

  it('is NaN when nothing is pairable or there is no variation (undefined, not perfect)', () => {
    expect(krippendorffAlpha([[1, 2, 3], [null, null, null]], 'ordinal')).toBeNaN();
    expect(krippendorffAlpha([[3, 3], [3, 3]], 'interval')).toBeNaN();
    expect(krippendorffAlpha([], 'nominal')).toBeNaN();
  });

  it('goes below 0 for systematic disagreement', () => {
    expect(krippendorffAlpha([[1, 2, 1, 2], [2, 1, 2, 1]], 'nominal')).toBeLessThan(0);
  });
});
