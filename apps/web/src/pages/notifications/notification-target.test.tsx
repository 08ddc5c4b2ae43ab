import { describe, expect, it } from 'vitest';
import { notificationTarget } from './notification-target';

describe('where a notification leads', () => {
  it('links a task that is still yours', () => {
    expect(notificationTarget({ taskId: 't1', taskIsYours: true })).toEqual({
      kind: 'task',
      taskId: 't1',
    });
  });

  it('says so when the task is no longer yours', () => {
    expect(notificationTarget({ taskId: 't1', taskIsYours: false })).toEqual({ kind: 'moved' });
  });

  it('leads nowhere when it is about no task', () => {
    expect(notificationTarget({ taskId: null, taskIsYours: null })).toEqual({ kind: 'none' });
  });
});
