import { describe, expect, it } from 'vitest';
import { completionNotice } from './completion-notice';

const opened = (partnerId: string) => ({ taskKey: 'x:1', stepId: 'x', partnerId });

describe('the notice after completing a task', () => {
  it('says the case was handed over only when the next task is with another organisation', () => {
    expect(
      completionNotice({ opened: [opened('kredietbank')], closed: [], status: 'open' }, 'gemeente'),
    ).toBe('task.completed');
    expect(
      completionNotice({ opened: [opened('gemeente')], closed: [], status: 'open' }, 'gemeente'),
    ).toBe('task.completedNextStepOwn');
    expect(completionNotice({ opened: [], closed: [], status: 'open' }, 'gemeente')).toBe(
      'task.completedWaiting',
    );
    expect(completionNotice({ opened: [], closed: [], status: 'closed' }, 'gemeente')).toBe(
      'task.completedCaseEnded',
    );
  });
});
