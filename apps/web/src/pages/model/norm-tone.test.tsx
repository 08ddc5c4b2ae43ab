import { describe, expect, it } from 'vitest';
import { normTone } from './norm-tone';

describe('colouring a step against its norm', () => {
  it('compares the share within norm with the agreed share', () => {
    expect(normTone(92, 0.9)).toBe('within');
    expect(normTone(85, 0.9)).toBe('near');
    expect(normTone(79, 0.9)).toBe('outside');
  });

  it('uses 80% without an agreed share, and no colour without figures', () => {
    expect(normTone(80)).toBe('within');
    expect(normTone(70)).toBe('near');
    expect(normTone(null)).toBe('none');
    expect(normTone(undefined)).toBe('none');
  });
});
