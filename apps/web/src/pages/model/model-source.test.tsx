import { describe, expect, it } from 'vitest';
import { asModelProblems, declaredChainId, lineOffset } from './model-source';

describe('model documents in the upload page', () => {
  it('finds the chain id in block YAML, flow YAML and JSON', () => {
    expect(
      declaredChainId(
        'schemaVersion: 1\nchain:\n  # the chain\n  name: X\n  id: wmo-maatwerk\npartners: []\n',
      ),
    ).toBe('wmo-maatwerk');
    expect(declaredChainId('chain: { name: X, id: "my-chain" }\n')).toBe('my-chain');
    expect(declaredChainId('{ "chain": { "id": "json-chain" } }')).toBe('json-chain');
    expect(declaredChainId('{ broken json')).toBeNull();
    expect(declaredChainId('partners: []\n')).toBeNull();
  });

  it('does not take an id from another block', () => {
    expect(declaredChainId('chain:\n  name: X\npartners:\n  - id: gemeente\n')).toBeNull();
  });

  it('keeps only located model problems from a 422', () => {
    const problem = { code: 'unknown-target', path: '/routes/0/to', message: 'x', line: 3 };
    expect(asModelProblems([problem, { field: 'x', reason: 'y' }, null])).toEqual([problem]);
  });

  it('finds where a line starts', () => {
    const text = 'a\nbc\ndef';
    expect(lineOffset(text, 1)).toBe(0);
    expect(lineOffset(text, 3)).toBe(5);
    expect(lineOffset(text, 9)).toBe(text.length);
  });
});
