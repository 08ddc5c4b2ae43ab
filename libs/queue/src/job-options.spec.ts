import { Backoffs, type MinimalJob } from 'bullmq';
import { exponentialBackoffDelay, jobId } from './job-options';

describe('jobId', () => {
  it('is readable and free of the colons BullMQ refuses', () => {
    expect(jobId('webhook', 'gemeente', 'case-1:task.assigned:intake:1')).toBe(
      'webhook/gemeente/case-1%3Atask.assigned%3Aintake%3A1',
    );
  });

  it('keeps different parts apart', () => {
    expect(jobId('notify', 'a/b', 'c')).not.toBe(jobId('notify', 'a', 'b/c'));
  });
});

describe('exponentialBackoffDelay', () => {
  it.each([1, 2, 3, 6])('matches BullMQ after attempt %i', async (attemptsMade) => {
    const bullmq = await Backoffs.calculate(
      { type: 'exponential', delay: 30_000 },
      attemptsMade,
      new Error('receiver down'),
      {} as MinimalJob,
    );
    expect(exponentialBackoffDelay(30_000, attemptsMade)).toBe(bullmq);
  });

  it('doubles from the base', () => {
    expect([1, 2, 3, 4].map((n) => exponentialBackoffDelay(10, n))).toEqual([10, 20, 40, 80]);
  });
});
