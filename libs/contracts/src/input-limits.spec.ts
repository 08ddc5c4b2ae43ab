import { HARD_INPUT_LIMITS, inputProblems, nestingDepth, nonTextReason } from './input-limits';

const limits = { maxTextLength: 10, maxDataBytes: 100, maxDepth: 3 };

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = { next: value };
  return value;
}

describe('input limits', () => {
  it('accepts text with tabs, line breaks, accents and emoji', () => {
    expect(nonTextReason('Cliënt\tbelt\r\nterug 🙂')).toBeUndefined();
    expect(inputProblems({ note: 'Cliënt\t🙂' }, 'data', limits)).toEqual([]);
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000 at position 1'],
    ['escape', '\u001b[31m', 'U+001B at position 0'],
    ['DEL', 'x\u007f', 'U+007F at position 1'],
    ['C1 control', '\u0085', 'U+0085 at position 0'],
    ['lone high surrogate', 'a\ud800', 'U+D800 at position 1'],
    ['lone low surrogate', '\udc00b', 'U+DC00 at position 0'],
  ])('refuses a %s, naming the character and where it is', (_name, text, where) => {
    expect(nonTextReason(text)).toContain(where);
  });

  it('names the path of a bad value, a bad key and an array element', () => {
    const problems = inputProblems(
      { a: { 'b\u0000': 'ok', c: ['fine', 'bad\u0000'] } },
      'data',
      HARD_INPUT_LIMITS,
    );
    expect(problems.map((problem) => [problem.field, problem.code]).sort()).toEqual([
      ['data.a.b\\u0000', 'control-character'],
      ['data.a.c.1', 'control-character'],
    ]);
  });

  it('refuses a string over the length limit and data over the size limit', () => {
    expect(inputProblems({ name: 'x'.repeat(11) }, 'data', limits)).toEqual([
      expect.objectContaining({ field: 'data.name', code: 'too-long' }),
    ]);
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'abcdefgh']));
    expect(inputProblems(big, 'data', limits)).toEqual([
      expect.objectContaining({ field: 'data', code: 'too-large' }),
    ]);
  });

  it('counts the size in UTF-8 bytes', () => {
    // 4 bytes per emoji: 108 bytes as JSON in only 58 UTF-16 units.
    const wide = { ...limits, maxTextLength: 100 };
    expect(inputProblems({ e: '🙂'.repeat(25) }, 'd', wide)).toEqual([
      expect.objectContaining({ code: 'too-large', message: expect.stringContaining('108 bytes') }),
    ]);
  });

  it('refuses nesting deeper than the limit without walking it', () => {
    expect(inputProblems(nested(3), 'data', limits)).toEqual([]);
    expect(inputProblems(nested(4), 'data', limits)).toEqual([
      expect.objectContaining({ field: 'data.next.next.next', code: 'too-deep' }),
    ]);
    // 100,000 levels: would overflow any recursive walk.
    expect(inputProblems(nested(100_000), 'data', limits)[0]?.code).toBe('too-deep');
  });

  it('measures nesting depth iteratively and stops past the limit', () => {
    expect(nestingDepth('text', 5)).toBe(0);
    expect(nestingDepth({ a: [1, { b: 2 }] }, 5)).toBe(3);
    expect(nestingDepth(nested(100_000), 64)).toBe(65);
  });

  it('reports a bounded number of problems', () => {
    const many = Array.from({ length: 1000 }, () => '\u0000');
    expect(inputProblems(many, 'data').length).toBe(20);
  });
});
