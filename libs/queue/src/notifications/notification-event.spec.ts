import type { NotificationEvent } from '@schakel/contracts';
import {
  InvalidNotificationEventError,
  MAX_PAYLOAD_BYTES,
  notificationEventProblems,
  notificationJob,
} from './notification-event';

const event: NotificationEvent = {
  id: 'case-1:task.assigned:intake:1',
  kind: 'task.assigned',
  organisationIds: ['gemeente', 'gemeente'],
  title: 'Nieuwe taak: intake',
  body: 'Er staat een intake voor u klaar.',
  caseId: 'case-1',
};

describe('notificationJob', () => {
  it('fills in defaults and drops duplicate organisations', () => {
    const now = new Date('2025-03-03T09:00:00Z');
    expect(notificationJob(event, now)).toEqual({
      id: event.id,
      kind: 'task.assigned',
      organisationIds: ['gemeente'],
      userIds: [],
      roles: [],
      title: event.title,
      body: event.body,
      caseId: 'case-1',
      chainId: null,
      occurredAt: '2025-03-03T09:00:00.000Z',
      payload: {},
    });
  });

  it('keeps the caller’s occurredAt, normalised to UTC', () => {
    const job = notificationJob({ ...event, occurredAt: '2025-03-03T10:00:00+01:00' }, new Date());
    expect(job.occurredAt).toBe('2025-03-03T09:00:00.000Z');
  });

  it('refuses a bad event, naming every problem', () => {
    const attempt = () =>
      notificationJob(
        { ...event, id: '', kind: 'task.exploded' as never, userIds: ['not-a-uuid'] },
        new Date(),
      );
    expect(attempt).toThrow(InvalidNotificationEventError);
    expect(attempt).toThrow(/id must be.*kind must be one of.*userIds must be/);
  });
});

describe('notificationEventProblems', () => {
  it('accepts an event that reaches only the regisseur', () => {
    expect(
      notificationEventProblems({ ...event, organisationIds: [], roles: ['regisseur'] }),
    ).toEqual([]);
  });

  it('wants at least one recipient', () => {
    expect(notificationEventProblems({ ...event, organisationIds: [] })).toEqual([
      'the event must name at least one organisation, user or role',
    ]);
  });

  it('refuses a payload that is too large or not an object', () => {
    const big = { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) };
    expect(notificationEventProblems({ ...event, payload: big })).toHaveLength(1);
    expect(notificationEventProblems({ ...event, payload: [] as never })).toHaveLength(1);
  });
});
