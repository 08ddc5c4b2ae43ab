import type { CaseEventEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import { exampleModel } from '../../../../libs/reference-model/test/example-models';
import { NeedToKnow } from './need-to-know';

const model = (() => {
  const debt = exampleModel('vroegsignalering-schuldhulp.yaml');
  return {
    ...debt,
    steps: debt.steps.map((step) =>
      step.id === 'first-conversation' ? { ...step, confidential: true } : step,
    ),
  };
})();

const tasks = [
  { taskKey: 'matching:1', stepId: 'matching', partnerId: 'gemeente' },
  { taskKey: 'first-conversation:1', stepId: 'first-conversation', partnerId: 'kredietbank' },
];

const reader = (role: AuthenticatedUser['role'], organisationId: string | null = null) =>
  new NeedToKnow(
    {
      id: 'u',
      username: 'u',
      displayName: 'u',
      role,
      organisationId,
      grants: [{ role, organisationId, chainId: null }],
    },
    model,
    tasks,
    'woningcorporatie',
  );

const event = (overrides: Partial<CaseEventEntity>): CaseEventEntity => ({
  id: '1',
  eventId: 'c:1',
  caseId: 'c',
  type: 'task.returned',
  taskKey: 'matching:1',
  stepId: 'matching',
  partnerId: 'gemeente',
  actorId: 'a',
  actorRole: 'caseworker',
  actorOrganisation: 'gemeente',
  occurredAt: new Date(0),
  details: {},
  ...overrides,
});

describe('NeedToKnow', () => {
  const returned = event({
    details: {
      reason: 'Telefoon ontbreekt',
      reasonCategory: 'incomplete-information',
      audience: { organisations: ['gemeente', 'kredietbank'], regisseur: false },
    },
  });

  it('gives free text to its audience and only the category to everyone else', () => {
    expect(reader('caseworker', 'kredietbank').event(returned)).toMatchObject({
      reason: 'Telefoon ontbreekt',
    });
    for (const other of [
      reader('caseworker', 'woningcorporatie'),
      reader('regisseur'),
      reader('operations'),
      reader('admin'),
    ]) {
      expect(other.event(returned)).toEqual({
        reasonCategory: 'incomplete-information',
        reasonWithheld: true,
      });
    }
  });

  it('falls back to the author for text stored without an audience, and leaves out unread notes', () => {
    const legacy = event({
      actorRole: 'regisseur',
      actorOrganisation: null,
      details: { reason: 'r' },
    });
    expect(reader('regisseur').event(legacy)).toMatchObject({ reason: 'r' });
    expect(reader('caseworker', 'gemeente').event(legacy)).toMatchObject({ reasonWithheld: true });
    const note = event({ type: 'note.added', details: { text: 'n' } });
    expect(reader('caseworker', 'gemeente').event(note)).toMatchObject({ text: 'n' });
    expect(reader('caseworker', 'kredietbank').event(note)).toBeNull();
    expect(reader('regisseur').event(note)).toBeNull();
  });

  it('hides a confidential step from other caseworkers only, its task keys and its partner included', () => {
    const other = reader('caseworker', 'gemeente');
    expect(other.hidesStep('first-conversation', 'kredietbank')).toBe(true);
    expect(other.taskKey('first-conversation:1')).toBeNull();
    expect(other.hidesOrganisation('kredietbank')).toBe(true);
    expect(other.currentPartners([tasks[1]], ['kredietbank'])).toEqual([]);
    expect(reader('caseworker', 'kredietbank').hidesStep('first-conversation', 'kredietbank')).toBe(
      false,
    );
    expect(reader('regisseur').hidesStep('first-conversation', 'kredietbank')).toBe(false);
  });

  describe('a case migrated to a later version (issue 16)', () => {
    // Version 2: nothing confidential any more, and matching renamed to triage.
    const version2 = {
      ...model,
      steps: model.steps.map((step) =>
        step.id === 'matching'
          ? { ...step, id: 'triage' }
          : step.id === 'first-conversation'
            ? { ...step, confidential: false }
            : step,
      ),
    };
    const migrated = [
      { ...tasks[0], modelVersion: 1 },
      { ...tasks[1], modelVersion: 1 },
      {
        taskKey: 'outreach:1',
        stepId: 'outreach',
        partnerId: 'maatschappelijk-werk',
        modelVersion: 2,
      },
    ];
    const readerOf = (organisationId: string) =>
      new NeedToKnow(
        {
          id: 'u',
          username: 'u',
          displayName: 'u',
          role: 'caseworker',
          organisationId,
          grants: [{ role: 'caseworker', organisationId, chainId: null }],
        },
        version2,
        migrated,
        null,
        new Map([[1, model]]),
      );

    it('reads each task in the version it ran under', () => {
      // The municipality's matching task ran under version 1, whose step it still sees data of.
      expect(readerOf('gemeente').visibleFieldIds).toEqual(
        expect.arrayContaining(['client-name', 'days-in-arrears', 'crisis']),
      );
    });

    it('keeps a step hidden that was confidential when its task ran, and where a moved task came from', () => {
      const other = readerOf('maatschappelijk-werk');
      expect(other.hidesStep('first-conversation', 'kredietbank')).toBe(true);
      const moved = event({
        type: 'task.migrated',
        taskKey: 'outreach:1',
        stepId: 'outreach',
        partnerId: 'maatschappelijk-werk',
        details: { fromStepId: 'first-conversation', fromPartnerId: 'kredietbank', toVersion: 2 },
      });
      expect(other.event(moved)).toEqual({ toVersion: 2 });
      expect(readerOf('kredietbank').event(moved)).toEqual({
        toVersion: 2,
        fromStepId: 'first-conversation',
        fromPartnerId: 'kredietbank',
      });
    });
  });
});
