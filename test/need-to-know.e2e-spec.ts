import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { MARKERS, plantMarkers, type PlantedCase } from './support/need-to-know-case';
import { startTestStack, type TestStack } from './support/test-stack';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const CHAIN = 'ntk-proef';
/** Partner systems subscribed to the case's notifications: the return's and the reminder's. */
const SUBSCRIBED = ['gemeente', 'woningcorporatie'];
const YEAR = new Date().getUTCFullYear();
const YEARS = `from=${YEAR - 1}-01-01&to=${YEAR + 1}-12-31`;

type Marker = keyof typeof MARKERS;

/**
 * Issue 12: one partner writes a return reason, notes and confidential-step data with marker
 * strings; every read path of every reader is collected, and each marker must reach exactly its
 * intended readers.
 */
describe('need-to-know: free text, confidential steps and personal data reach only their readers', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let planted: PlantedCase;
  let partnerSystems: WebhookReceiver;
  /** Who finds the case searching for the partner working on the confidential step, while it does. */
  const foundByPartnerSearch: Record<string, boolean> = {};
  beforeAll(async () => {
    // The partners' systems listen on this machine: allowed explicitly (no SSRF otherwise).
    stack = await startTestStack({ environment: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    driver = new CaseDriver(stack);
    partnerSystems = await startWebhookReceiver(() => 200);
    for (const organisation of SUBSCRIBED) {
      await stack
        .http()
        .put(`/organisations/${organisation}/webhook`)
        .set('Authorization', await driver.as('admin'))
        .send({ url: partnerSystems.url })
        .expect(200);
    }
    planted = await plantMarkers(stack, CHAIN, async (caseId) => {
      for (const username of ['gemeente.medewerker', 'kredietbank.medewerker', 'regisseur']) {
        const found = await driver.get(username, `/cases?chainId=${CHAIN}&partnerId=kredietbank`);
        foundByPartnerSearch[username] = (found.body.items as { id: string }[]).some(
          (item) => item.id === caseId,
        );
      }
    });
    // Notifications leave through the queue: wait for the return's and the reminder's.
    await eventually(async () => {
      for (const [username, kind] of [
        ['gemeente.medewerker', 'task.returned'],
        ['woningcorporatie.medewerker', 'task.reminder'],
      ]) {
        const inbox = await driver.get(username, '/notifications?limit=100');
        expect(inbox.body.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ caseId: planted.caseId, kind })]),
        );
      }
    });
  });

  afterAll(async () => {
    for (const organisation of SUBSCRIBED) {
      await stack
        .http()
        .delete(`/organisations/${organisation}/webhook`)
        .set('Authorization', await driver.as('admin'));
    }
    await partnerSystems.close();
    await stack.close();
  });

  /** Everything one reader can read about the case, through every read path open to them. */
  async function readAll(username: string): Promise<{ text: string; statuses: number[] }> {
    const { caseId, chainId } = planted;
    const paths = [
      `/cases/${caseId}`,
      `/cases/${caseId}/timeline`,
      `/cases?chainId=${chainId}`,
      '/notifications?limit=100',
      '/tasks?limit=200',
      `/tasks/${planted.feedbackTaskId}`,
      `/tasks/${planted.confidentialTaskId}`,
      `/exports/event-log.xes?chainId=${chainId}&${YEARS}`,
      `/exports/event-log.ocel.json?chainId=${chainId}&${YEARS}`,
      '/escalations?status=resolved',
    ];
    const responses = await Promise.all(paths.map((path) => driver.get(username, path)));
    return {
      text: responses.map((response) => response.text ?? JSON.stringify(response.body)).join('\n'),
      statuses: responses.map((response) => response.status),
    };
  }

  const readers: [string, Marker[]][] = [
    // The confidential step's own partner: its note, the shared note, its reason, its data.
    [
      'kredietbank.medewerker',
      ['personal', 'returnReason', 'note', 'sharedNote', 'confidentialData'],
    ],
    // The other end of the returned handover, and the partner the note was shared with.
    ['gemeente.medewerker', ['personal', 'returnReason', 'sharedNote']],
    // The intake partner reads its own intake and the regisseur's reminder on its task.
    ['woningcorporatie.medewerker', ['personal', 'regisseurReason']],
    ['zorgverzekeraar.medewerker', []],
    ['wijkteam.medewerker', []],
    // The regisseur reads its own reasons, no case content and no partner's free text.
    ['regisseur', ['regisseurReason']],
    ['operations', []],
    ['admin', []],
  ];

  it.each(readers)('%s reads exactly the markers meant for it', async (username, expected) => {
    const { text } = await readAll(username);
    for (const marker of Object.keys(MARKERS) as Marker[]) {
      if (expected.includes(marker)) expect(text).toContain(MARKERS[marker]);
      else expect(text).not.toContain(MARKERS[marker]);
    }
  });

  it('quotes no free text and no personal data in any notification', async () => {
    for (const [username] of readers) {
      const inbox = await driver.get(username, '/notifications?limit=100');
      for (const marker of Object.values(MARKERS)) expect(inbox.text).not.toContain(marker);
    }
  });

  it('sends partner systems webhooks that quote no free text and no personal data', async () => {
    await eventually(() => {
      const types = partnerSystems.requests.map((request) => JSON.parse(request.body).type);
      expect(types).toEqual(
        expect.arrayContaining(['nl.schakel.task.returned', 'nl.schakel.task.reminder']),
      );
      return Promise.resolve();
    });
    for (const request of partnerSystems.requests) {
      for (const marker of Object.values(MARKERS)) expect(request.body).not.toContain(marker);
    }
  });

  it('hides the confidential step from other partners: no partner, no step, only that a partner works on it', async () => {
    for (const username of ['gemeente.medewerker', 'woningcorporatie.medewerker']) {
      const { text } = await readAll(username);
      expect(text).not.toContain('first-conversation');
      expect(text).not.toContain('Eerste gesprek');
    }
    // Searching cases by the partner on the confidential step does not give it away either.
    expect(foundByPartnerSearch).toEqual({
      'gemeente.medewerker': false,
      'kredietbank.medewerker': true,
      regisseur: true,
    });
    const housing = await readAll('woningcorporatie.medewerker');
    expect(housing.text).not.toContain('kredietbank');
    const view = await driver.get('woningcorporatie.medewerker', `/cases/${planted.caseId}`);
    expect(view.body.tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          confidential: true,
          stepId: null,
          partnerId: null,
          stepName: 'Een partner werkt aan de casus',
        }),
      ]),
    );
    const timeline = await driver.get(
      'woningcorporatie.medewerker',
      `/cases/${planted.caseId}/timeline`,
    );
    expect(timeline.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ confidential: true, partnerId: null, stepId: null }),
      ]),
    );
    // The regisseur and the step's own partner still see which step it is.
    for (const username of ['regisseur', 'kredietbank.medewerker']) {
      const own = await driver.get(username, `/cases/${planted.caseId}/timeline`);
      expect(JSON.stringify(own.body)).toContain('first-conversation');
    }
  });

  it('shows the regisseur and operations that a reason exists and its category, never the text', async () => {
    const timeline = await driver.get('regisseur', `/cases/${planted.caseId}/timeline`);
    const returned = (timeline.body as { type: string; details: Record<string, unknown> }[]).find(
      (entry) => entry.type === 'task.returned',
    );
    expect(returned?.details).toEqual(
      expect.objectContaining({ reasonWithheld: true, reasonCategory: 'incomplete-information' }),
    );
    expect(returned?.details).not.toHaveProperty('reason');
    const xes = await driver.get(
      'operations',
      `/exports/event-log.xes?chainId=${planted.chainId}&${YEARS}`,
    );
    expect(xes.text).toContain(
      '<string key="schakel:reasonCategory" value="incomplete-information"/>',
    );
  });

  it('keeps a group of one case out of every figure: KPIs, the model view and /metrics', async () => {
    // The chain has this one case, below the default minimum group size of 5.
    const wip = await driver.get('operations', `/kpis/work-in-progress?chainId=${CHAIN}`);
    expect(wip.body.rows.length).toBeGreaterThan(0);
    for (const row of wip.body.rows)
      expect(row).toMatchObject({ suppressed: true, open: null, openEscalations: null });
    // The task facts behind a scorecard follow the handovers by the KPI rollup's interval.
    const card = await eventually(async () => {
      const answer = await driver.get(
        'regisseur',
        `/kpis/scorecards/kredietbank?chainId=${CHAIN}&${YEARS}`,
      );
      expect(answer.body.steps.length).toBeGreaterThan(0);
      return answer;
    });
    for (const step of card.body.steps)
      expect(step).toMatchObject({ suppressed: true, workingMedianMs: null, measured: null });
    // /metrics declares every chain's series at zero from the start; the one case must not show in
    // any of them: every sample of this chain is zero (its small groups are left out, not counted).
    const metrics = await stack.http().get('/metrics').expect(200);
    const samples = metrics.text.split('\n').filter((line) => line.includes(`chain="${CHAIN}"`));
    for (const sample of samples) expect(sample).toMatch(/ 0$/);
  });

  it('refuses a return category the step does not declare, and a note shared outside the case, naming the field', async () => {
    const feedback = await driver.post(
      'woningcorporatie.medewerker',
      `/tasks/${planted.feedbackTaskId}/claim`,
    );
    expect(feedback.status).toBe(200);
    const wrongCategory = await driver.post(
      'woningcorporatie.medewerker',
      `/tasks/${planted.feedbackTaskId}/return`,
      { reason: 'Klopt niet', category: 'wrong-partner' },
    );
    expect(wrongCategory.status).toBe(422);
    expect(JSON.stringify(wrongCategory.body)).toContain('category');

    const stranger = await driver.post('gemeente.medewerker', `/cases/${planted.caseId}/notes`, {
      text: 'Voor een vreemde',
      sharedWith: ['zorgverzekeraar'],
    });
    expect(stranger.status).toBe(422);
    expect(JSON.stringify(stranger.body)).toContain('sharedWith');
    // Naming the hidden confidential partner is refused the same way: no confirmation that it takes part.
    const hidden = await driver.post(
      'woningcorporatie.medewerker',
      `/cases/${planted.caseId}/notes`,
      { text: 'Voor de verborgen partner', sharedWith: ['kredietbank'] },
    );
    expect(hidden.status).toBe(422);
    expect(hidden.body.errors).toEqual([
      expect.objectContaining({ field: 'sharedWith', code: 'not-a-case-partner' }),
    ]);
  });
});
