import { describe, expect, it } from 'vitest';
import { queryFromParams } from './inbox-query';

describe('the inbox address', () => {
  it('defaults to all open tasks by due date and ignores unknown values', () => {
    expect(queryFromParams(new URLSearchParams('view=everything&sort=random'))).toEqual({
      view: 'open',
      sort: 'due',
      chainId: undefined,
      stepId: undefined,
      dueBefore: undefined,
    });
  });

  it('reads view, filters and sort; due before means up to the end of that day', () => {
    const query = queryFromParams(
      new URLSearchParams(
        'view=mine&sort=-opened&chainId=wmo-maatwerk&stepId=assessment&dueBefore=2026-03-10',
      ),
    );
    expect(query).toMatchObject({
      view: 'mine',
      sort: '-opened',
      chainId: 'wmo-maatwerk',
      stepId: 'assessment',
    });
    expect(new Date(query.dueBefore as string).getDate()).toBe(10);
  });
});
