import { CaseDriver } from './support/case-driver';
import { debtIntake } from './support/debt-intake';
import { startTestStack, type TestStack } from './support/test-stack';

/** An action as a response offers it (task, case and escalation responses). */
interface Offer {
  action: string;
  allowed: boolean;
  reason?: string;
  taskKey?: string;
  stepId?: string;
}

/** Who was offered what, where: a caseworker on a task page, the regisseur on a case or escalation. */
interface Party {
  username: string;
  taskId?: string;
  escalationId?: string;
  offers: Offer[];
}

interface CaseTask {
  id: string;
  taskKey: string;
  stepId: string;
  partnerId: string;
  status: string;
  dueAt: string | null;
}

const REASON = 'Afgestemd met de betrokken partners.';
const DAY = 24 * 3600 * 1000;

/**
 * Issue 17: the console renders the actions the server offers, so they must be the server's own
 * verdicts. The example chains are walked by taking only actions that were offered as allowed (each
 * must be accepted), and at every state every action offered as not allowed is sent anyway: each
 * must be refused, with the code it was offered with. A refusal leaves no trace, so the walk goes on.
 */
describe('the actions offered are the actions the server accepts (issue 17)', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  const userIds = new Map<string, string>();
  /** Every action kind taken because it was offered as allowed, and every refusal code checked. */
  const taken = new Set<string>();
  const refusalsChecked = new Set<string>();

  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
  });
  afterAll(() => stack?.close());

  async function userId(username: string): Promise<string> {
    if (!userIds.has(username)) {
      const me = await driver.get(username, '/auth/me');
      userIds.set(username, (me.body as { id: string }).id);
    }
    return userIds.get(username) as string;
  }

  async function caseView(caseId: string) {
    const response = await driver.get('regisseur', `/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body as { status: string; tasks: CaseTask[]; actions: Offer[] };
  }

  /** Everyone's offers now: both caseworkers of each holding partner, the regisseur on case and escalations. */
  async function parties(caseId: string): Promise<Party[]> {
    const view = await caseView(caseId);
    const found: Party[] = [{ username: 'regisseur', offers: view.actions }];
    const queue = await driver.get('regisseur', '/escalations?status=open&limit=200');
    for (const escalation of (queue.body as { items: { id: string; caseId: string }[] }).items) {
      if (escalation.caseId !== caseId) continue;
      const detail = await driver.get('regisseur', `/escalations/${escalation.id}`);
      found.push({
        username: 'regisseur',
        escalationId: escalation.id,
        offers: (detail.body as { actions: Offer[] }).actions,
      });
    }
    for (const task of view.tasks.filter((candidate) => candidate.status === 'open')) {
      for (const username of [`${task.partnerId}.medewerker`, `${task.partnerId}.collega`]) {
        const detail = await driver.get(username, `/tasks/${task.id}`);
        expect(detail.status).toBe(200);
        found.push({
          username,
          taskId: task.id,
          offers: (detail.body as { actions: Offer[] }).actions,
        });
      }
    }
    return found;
  }

  /** The request an offer stands for, with a body the API validates (so the case itself decides). */
  async function request(caseId: string, party: Party, offer: Offer, body: object = {}) {
    const task = (await caseView(caseId)).tasks.find((item) => item.taskKey === offer.taskKey);
    const defaults = async (): Promise<object> => {
      switch (offer.action) {
        case 'assign':
          return { assigneeId: await userId(party.username.replace('.medewerker', '.collega')) };
        case 'complete':
          return { outcome: 'no-such-outcome', data: {} };
        case 'reassign':
          return { assigneeId: await userId(`${task?.partnerId}.collega`) };
        case 'extend': {
          const from = task?.dueAt ? Date.parse(task.dueAt) : Date.now();
          return { dueAt: new Date(from + DAY).toISOString() };
        }
        case 'suspend':
          return { waitingFor: 'client' };
        case 'close':
          return { endId: 'help-declined' };
        default:
          return {};
      }
    };
    const reasoned = !['claim', 'unclaim', 'assign', 'complete'].includes(offer.action);
    const sent = { ...(reasoned ? { reason: REASON } : {}), ...(await defaults()), ...body };
    const path = party.taskId
      ? `/tasks/${party.taskId}/${offer.action}`
      : ['resolve', 'escalate', 'de-escalate'].includes(offer.action)
        ? `/escalations/${party.escalationId}/${offer.action}`
        : offer.action === 'reopen'
          ? `/cases/${caseId}/steps/${offer.stepId}/reopen`
          : offer.action === 'record-agreement'
            ? `/cases/${caseId}/agreements`
            : offer.taskKey
              ? `/cases/${caseId}/tasks/${offer.taskKey}/${offer.action}`
              : `/cases/${caseId}/${offer.action}`;
    const agreement = offer.action === 'record-agreement' && party.escalationId;
    return driver.post(
      party.username,
      path,
      agreement ? { ...sent, escalationId: party.escalationId } : sent,
    );
  }

  /** Every action offered as not allowed is refused, with the reason it was offered with. */
  async function refusedAsOffered(caseId: string): Promise<void> {
    for (const party of await parties(caseId)) {
      for (const offer of party.offers.filter((candidate) => !candidate.allowed)) {
        const response = await request(caseId, party, offer);
        const seen = { who: party.username, ...offer };
        const answer = {
          refused: [409, 422].includes(response.status),
          code: (response.body as { code?: string }).code,
        };
        expect({ ...seen, ...answer }).toEqual({ ...seen, refused: true, code: offer.reason });
        refusalsChecked.add(`${offer.action}:${offer.reason}`);
      }
    }
  }

  /** Takes an action that must be offered as allowed to that party; the server must accept it. */
  async function take(
    caseId: string,
    username: string,
    action: string,
    where: { stepId?: string; escalation?: boolean } = {},
    body: object = {},
  ): Promise<void> {
    const view = await caseView(caseId);
    const matching = (await parties(caseId)).flatMap((party) =>
      party.username !== username || (where.escalation ?? false) !== Boolean(party.escalationId)
        ? []
        : party.offers
            .filter((offer) => offer.action === action)
            .filter((offer) => {
              const task = view.tasks.find(
                (item) => item.id === party.taskId || item.taskKey === offer.taskKey,
              );
              return (
                !where.stepId || task?.stepId === where.stepId || offer.stepId === where.stepId
              );
            })
            .map((offer) => ({ party, offer })),
    );
    expect(matching.map(({ offer }) => offer)).toEqual([
      expect.objectContaining({ allowed: true }),
    ]);
    const [{ party, offer }] = matching;
    const response = await request(caseId, party, offer, body);
    expect({ action, status: response.status, body: response.body }).toEqual(
      expect.objectContaining({ action, status: 200 }),
    );
    taken.add(action);
    await refusedAsOffered(caseId);
  }

  it('walks the debt chain: claims, returns, suspensions and an escalation on a returned task', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-ACT-0001'),
    );
    const caseId = opened.id;
    await refusedAsOffered(caseId);
    // The intake's task: no handover to return, a norm that may not be suspended.
    expect([...refusalsChecked]).toEqual(
      expect.arrayContaining(['return:no-handover-to-return', 'suspend:norm-not-suspendable']),
    );

    await take(caseId, 'gemeente.medewerker', 'claim', { stepId: 'matching' });
    expect(refusalsChecked).toContain('claim:claimed-by-colleague');
    await take(caseId, 'gemeente.medewerker', 'unclaim', { stepId: 'matching' });
    await take(caseId, 'gemeente.medewerker', 'assign', { stepId: 'matching' });
    await take(
      caseId,
      'gemeente.collega',
      'complete',
      { stepId: 'matching' },
      {
        outcome: 'triaged',
        data: { crisis: false },
      },
    );

    await take(caseId, 'regisseur', 'suspend', { stepId: 'outreach' });
    await take(caseId, 'regisseur', 'resume', { stepId: 'outreach' });
    await take(caseId, 'regisseur', 'remind', { stepId: 'outreach' });
    await take(caseId, 'regisseur', 'reassign', { stepId: 'outreach' });
    await take(caseId, 'gemeente.collega', 'disagree', { stepId: 'outreach' });
    await take(caseId, 'regisseur', 'escalate', { escalation: true });
    await take(caseId, 'regisseur', 'de-escalate', { escalation: true });
    await take(caseId, 'regisseur', 'record-agreement', { escalation: true });
    await take(caseId, 'regisseur', 'resolve', { escalation: true });

    // The first conversation's handover comes back three times (the model allows two).
    for (let round = 1; round <= 3; round++) {
      await take(
        caseId,
        'gemeente.collega',
        'complete',
        { stepId: 'outreach' },
        {
          outcome: 'reached',
          data: { 'contact-channel': 'phone' },
        },
      );
      await take(caseId, 'kredietbank.medewerker', 'return', { stepId: 'first-conversation' });
    }
    // The escalation is about a returned task: no reminder, no extension, no skip.
    expect([...refusalsChecked]).toEqual(
      expect.arrayContaining(['remind:task-returned', 'extend:task-returned']),
    );
    await take(caseId, 'regisseur', 'resolve', { escalation: true });
    await take(caseId, 'regisseur', 'skip', { stepId: 'outreach' });
    await take(caseId, 'regisseur', 'reopen', { stepId: 'matching' });
    await take(caseId, 'regisseur', 'close');
    expect((await caseView(caseId)).actions).toEqual([]);
  });

  it('walks the Wmo chain to its decision, extends the norm it allows, and cancels', async () => {
    const { case: opened } = await driver.open('gemeente.medewerker', {
      chainId: 'wmo-maatwerk',
      category: 'wmo-notification',
      clientQuestion: 'Hulp bij het huishouden na een operatie.',
      clientReference: 'KP-ACT-0002',
      data: {
        'client-name': 'J. de Vries',
        'contact-address': 'Lindelaan 12',
        'support-question': 'Hulp bij het huishouden',
        'notification-date': new Date().toISOString().slice(0, 10),
        'wants-personal-plan': false,
      },
    });
    const caseId = opened.id;
    await refusedAsOffered(caseId);
    await take(
      caseId,
      'gemeente.medewerker',
      'complete',
      { stepId: 'assessment' },
      {
        outcome: 'custom-support',
        data: { 'assessment-report': 'Huishoudelijke hulp nodig.' },
      },
    );
    await take(
      caseId,
      'gemeente.medewerker',
      'complete',
      { stepId: 'application' },
      {
        outcome: 'signed',
        data: { 'application-date': new Date().toISOString().slice(0, 10) },
      },
    );
    await take(caseId, 'regisseur', 'extend', { stepId: 'decision' });
    await take(caseId, 'regisseur', 'cancel');
    expect((await caseView(caseId)).actions).toEqual([]);
  });

  it('took every kind of action it was offered as allowed', () => {
    expect([...taken].sort()).toEqual(
      [
        'assign',
        'cancel',
        'claim',
        'close',
        'complete',
        'de-escalate',
        'disagree',
        'escalate',
        'extend',
        'reassign',
        'record-agreement',
        'remind',
        'reopen',
        'resolve',
        'resume',
        'return',
        'skip',
        'suspend',
        'unclaim',
      ].sort(),
    );
  });
});
