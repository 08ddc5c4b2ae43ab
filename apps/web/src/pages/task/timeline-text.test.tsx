import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types';
import { en } from '../../i18n/en';
import type { MessageKey } from '../../i18n/nl';
import { translate, type Params } from '../../i18n/translate';
import { timelineText } from './timeline-text';

const t = (key: MessageKey, params?: Params) => translate(en, key, params);

const entry = (overrides: Partial<TimelineEntry>): TimelineEntry => ({
  type: 'task.returned',
  taskKey: 'outreach:1',
  stepId: 'outreach',
  partnerId: 'gemeente',
  actorId: null,
  actorRole: 'caseworker',
  actorOrganisation: 'gemeente',
  occurredAt: '2026-01-05T09:00:00Z',
  details: {},
  ...overrides,
});

describe('a timeline line', () => {
  it('shows a reason its reader may read, with its category', () => {
    const line = timelineText(
      entry({
        details: { reason: 'Telefoon ontbreekt', reasonCategory: 'incomplete-information' },
      }),
      t,
      'en',
    );
    expect(line).toContain('reason: Telefoon ontbreekt');
    expect(line).toContain('kind of reason: incomplete-information');
  });

  it('says a reason was recorded when the reader may not read it', () => {
    const line = timelineText(
      entry({ details: { reasonWithheld: true, reasonCategory: 'wrong-partner' } }),
      t,
      'en',
    );
    expect(line).toContain('reason recorded (not visible to you)');
    expect(line).toContain('wrong-partner');
  });

  it('shows a confidential step of another partner only as a partner working on the case', () => {
    const line = timelineText(
      entry({ confidential: true, stepId: null, partnerId: null, taskKey: null }),
      t,
      'en',
    );
    expect(line).toBe('A partner is working on the case');
  });

  it('names the platform when it released a task at a deactivation', () => {
    const line = timelineText(
      entry({
        type: 'task.unclaimed',
        actorRole: null,
        actorOrganisation: null,
        details: { assigneeId: null, systemActor: 'Schakel (deactivation of E. de Wit by Beheer)' },
      }),
      t,
      'en',
    );
    expect(line).toContain('by Schakel (deactivation of E. de Wit by Beheer)');
  });

  it('says from when to when a due date moved, and which date in the case moved it', () => {
    const line = timelineText(
      entry({
        type: 'task.due-moved',
        details: {
          dueAt: '2027-02-22T22:59:59.999Z',
          previousDueAt: null,
          field: 'release-date',
        },
      }),
      t,
      'en',
    );
    expect(line).toMatch(
      /^Due date moved — from no due date to .*2027.*, because release-date changed$/,
    );
  });

  it('says between which versions a migrated case moved, and where a moved task was', () => {
    const moved = timelineText(
      entry({
        type: 'case.migrated',
        details: { fromVersion: 1, toVersion: 2, reason: 'Evaluatie 2026' },
      }),
      t,
      'en',
    );
    expect(moved).toBe(
      'Case moved from version 1 to version 2 of the model — reason: Evaluatie 2026',
    );
    const task = timelineText(
      entry({
        type: 'task.migrated',
        details: { fromStepId: 'outreach', fromPartnerId: 'gemeente', toVersion: 2 },
      }),
      t,
      'en',
    );
    expect(task).toBe('Task moved to the new version of the model — was: outreach at gemeente');
  });
});
