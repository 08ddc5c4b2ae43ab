import { exampleModel } from '../../test/example-models';
import { CaseData, ReferenceModel } from '../model/reference-model.types';
import { completeTask, openTasks, reassignTask, returnTask, startCase } from './routing-engine';
import { contributorOf } from './joint-steps';
import { RoutingResult, RoutingState } from './routing-state';

type Move = [stepId: string, outcome: string, data?: CaseData];

/** Completes the open task of each step in turn; returns the last result. */
function drive(model: ReferenceModel, state: RoutingState, moves: Move[]): RoutingResult {
  let result: RoutingResult = { state, opened: [], closed: [] };
  for (const [stepId, outcome, data = {}] of moves) {
    // `step@partner` names a contributor's task in a joint step.
    const [id, contributor] = stepId.split('@');
    const task = openTasks(result.state).find(
      (t) => t.stepId === id && contributorOf(t.taskKey) === contributor,
    );
    if (!task)
      throw new Error(
        `no open task for '${stepId}'; open: ${openTasks(result.state).map((t) => t.taskKey)}`,
      );
    result = completeTask(model, result.state, { taskKey: task.taskKey, outcome, data });
  }
  return result;
}

describe('chain A: vroegsignalering -> schuldhulp', () => {
  const model = exampleModel('vroegsignalering-schuldhulp.yaml');
  const intake = {
    'client-name': 'J. de Vries',
    'contact-address': 'Kerkstraat 1, Middenstad',
    'amount-owed': 850,
    'days-in-arrears': 45,
    'reminder-sent': true,
    'signal-source': 'housing',
  };
  const arrangement: Move[] = [
    ['access-decision', 'granted', { 'debt-total': 12000 }],
    ['stabilisation', 'stable', { 'income-stable': true }],
  ];

  it('takes the crisis route, runs creditors and income administration in parallel, and ends solved', () => {
    const started = startCase(model, { category: 'crisis-signal', data: intake });
    expect(started.state.intensity).toBe('integrate');
    let result = drive(model, started.state, [
      ['matching', 'triaged', { crisis: true }],
      ['crisis-conversation', 'accepted', { 'help-accepted': true }],
      ['feedback', 'acknowledged'],
      ...arrangement,
    ]);
    expect(result.opened.map((t) => t.stepId)).toEqual(['creditors', 'income-administration']);
    result = drive(model, result.state, [
      ['income-administration', 'set-up', { 'income-administration-start': '2025-03-01' }],
    ]);
    expect(result.opened).toEqual([]);
    result = drive(model, result.state, [
      ['creditors', 'done', { 'creditor-agreement': true }],
      ['aftercare', 'completed'],
    ]);
    expect(result.ended).toEqual({ endId: 'solved', result: 'solved' });
  });

  it('retries outreach three times, then records the drop-out with its reason', () => {
    let result = drive(
      model,
      startCase(model, { category: 'arrears-signal', data: intake }).state,
      [['matching', 'triaged', { crisis: false }]],
    );
    for (let attempt = 1; attempt <= 3; attempt++) {
      result = drive(model, result.state, [
        ['outreach', 'not-reached', { 'contact-channel': 'letter' }],
      ]);
      expect(result.opened).toEqual([
        expect.objectContaining({ stepId: 'outreach', iteration: attempt + 1 }),
      ]);
    }
    result = drive(model, result.state, [
      ['outreach', 'not-reached', { 'contact-channel': 'home-visit' }],
    ]);
    expect(result.ended).toEqual({
      endId: 'not-reached',
      result: 'droppedOut',
      exitReason: 'not-reached',
    });
  });

  it('tells the signalling partner only yes/no, loops back once on relapse and refers to Wsnp', () => {
    let result = drive(
      model,
      startCase(model, { category: 'arrears-signal', data: intake }).state,
      [
        ['matching', 'triaged', { crisis: false }],
        ['outreach', 'reached', { 'contact-channel': 'phone' }],
        ['first-conversation', 'accepted', { 'help-accepted': true }],
      ],
    );
    expect(result.opened).toEqual([
      expect.objectContaining({ stepId: 'feedback', partnerId: 'woningcorporatie' }),
    ]);
    result = reassignTask(model, result.state, {
      taskKey: 'feedback:1',
      partnerId: 'energieleverancier',
    });
    result = drive(model, result.state, [
      ['feedback', 'acknowledged'],
      ...arrangement,
      ['creditors', 'done', { 'creditor-agreement': true }],
      ['income-administration', 'set-up', { 'income-administration-start': '2025-03-01' }],
      ['aftercare', 'relapsed'],
    ]);
    expect(result.opened).toEqual([
      expect.objectContaining({ stepId: 'stabilisation', iteration: 2 }),
    ]);
    result = drive(model, result.state, [
      ['stabilisation', 'stable', { 'income-stable': true }],
      ['creditors', 'done', { 'creditor-agreement': false }],
      ['income-administration', 'set-up', { 'income-administration-start': '2025-09-01' }],
    ]);
    // No agreement: a second round with the creditors only, then referral to the Wsnp.
    expect(result.opened).toEqual([expect.objectContaining({ stepId: 'creditors', iteration: 3 })]);
    result = drive(model, result.state, [['creditors', 'done', { 'creditor-agreement': false }]]);
    expect(result.ended).toEqual({ endId: 'referred-to-wsnp', result: 'referred' });
  });

  it('closes when help is declined at the first conversation', () => {
    const result = drive(
      model,
      startCase(model, { category: 'arrears-signal', data: intake }).state,
      [
        ['matching', 'triaged', { crisis: false }],
        ['outreach', 'reached', { 'contact-channel': 'phone' }],
        ['first-conversation', 'declined', { 'help-accepted': false }],
        ['feedback', 'acknowledged'],
      ],
    );
    expect(result.ended).toEqual({
      endId: 'help-declined',
      result: 'droppedOut',
      exitReason: 'help-declined',
    });
  });
});

describe('chain B: Wmo maatwerk', () => {
  const model = exampleModel('wmo-maatwerk.yaml');
  const intake = (wantsPlan: boolean) => ({
    'client-name': 'A. Jansen',
    'contact-address': 'Dorpsweg 3',
    'support-question': 'Hulp bij het huishouden',
    'notification-date': '2025-01-06',
    'wants-personal-plan': wantsPlan,
  });

  it('ends early when a general facility solves the question', () => {
    const started = startCase(model, { category: 'simple-question', data: intake(false) });
    expect(started.opened.map((t) => t.stepId)).toEqual(['assessment']);
    const result = drive(model, started.state, [
      ['assessment', 'general-facility', { 'assessment-report': 'Boodschappendienst' }],
    ]);
    expect(result.ended).toEqual({ endId: 'solved-general-facility', result: 'solved' });
  });

  it('runs personal plan, medical advice, decision and assignment with another provider', () => {
    let result = drive(
      model,
      startCase(model, { category: 'wmo-notification', data: intake(true) }).state,
      [
        [
          'personal-plan',
          'submitted',
          { 'personal-plan-summary': 'Wil zelfstandig blijven wonen' },
        ],
        ['assessment', 'medical-advice-needed', { 'assessment-report': 'Mobiliteit beperkt' }],
        ['medical-advice', 'advised', { 'medical-advice': 'Traplift geïndiceerd' }],
        [
          'assessment',
          'custom-support',
          { 'assessment-report': 'Woningaanpassing nodig', 'support-type': 'housing-adaptation' },
        ],
        ['application', 'signed', { 'application-date': '2025-02-10' }],
      ],
    );
    const returned = returnTask(model, result.state, { taskKey: 'decision:1' });
    expect(returned.opened).toEqual([
      expect.objectContaining({ stepId: 'application', iteration: 2 }),
    ]);
    result = drive(model, returned.state, [
      ['application', 'signed', { 'application-date': '2025-02-11' }],
      [
        'decision',
        'granted',
        { 'decision-date': '2025-02-20', 'support-type': 'housing-adaptation' },
      ],
      ['assignment', 'no-capacity'],
    ]);
    result = reassignTask(model, result.state, {
      taskKey: 'assignment:2',
      partnerId: 'zorgaanbieder-2',
    });
    result = drive(model, result.state, [
      ['assignment', 'care-started', { 'care-start-date': '2025-03-03' }],
    ]);
    expect(result.ended).toEqual({ endId: 'care-started', result: 'solved' });
  });
});

describe('chain C: huiselijk geweld -> jeugdbescherming', () => {
  const model = exampleModel('huiselijk-geweld-jeugdbescherming.yaml');
  const intake = {
    'child-name': 'K.',
    'child-birth-date': '2016-05-12',
    'parent-names': 'M. en R.',
    address: 'Laan 7',
    'reporter-type': 'school',
    'report-summary': 'Zorgen over letsel',
  };
  const assessed: Move[] = [
    [
      'safety-assessment',
      'investigate',
      { 'safety-level': 'structural', 'assessment-notes': 'Vervolg nodig' },
    ],
  ];

  it('hands over to voluntary help when parents cooperate, and closes when safety is restored', () => {
    const result = drive(
      model,
      startCase(model, { category: 'structural-unsafe', data: intake }).state,
      [
        ...assessed,
        [
          'investigation',
          'concluded',
          { 'investigation-conclusion': 'Hulp nodig', 'parents-cooperate': true },
        ],
        [
          'voluntary-help@veilig-thuis',
          'contributed',
          { 'safety-agreements': 'Dagelijks contact' },
        ],
        ['voluntary-help', 'safety-restored', { 'help-plan': 'Gezinscoach' }],
      ],
    );
    expect(result.ended).toEqual({ endId: 'solved-voluntary', result: 'solved' });
  });

  it('goes to the Child Protection Board, court and certified institution otherwise', () => {
    const result = drive(
      model,
      startCase(model, { category: 'acute-unsafe', data: intake }).state,
      [
        ...assessed,
        [
          'investigation',
          'concluded',
          { 'investigation-conclusion': 'Onveilig', 'parents-cooperate': false },
        ],
        [
          'board-request',
          'request-to-court',
          { 'board-advice': 'OTS', 'measure-requested': 'supervision-order' },
        ],
        [
          'court-decision',
          'measure-imposed',
          { 'court-decision-date': '2025-04-01', 'measure-imposed': 'supervision-order' },
        ],
        ['first-contact', 'contacted', { 'first-contact-date': '2025-04-03' }],
        ['family-plan', 'plan-agreed', { 'family-plan': 'Plan' }],
      ],
    );
    expect(result.ended).toEqual({ endId: 'measure-started', result: 'referred' });
  });

  it('sends a case back to voluntary help once when the board sees no measure', () => {
    let result = drive(model, startCase(model, { category: 'concern', data: intake }).state, [
      ...assessed,
      [
        'investigation',
        'concluded',
        { 'investigation-conclusion': 'Hulp nodig', 'parents-cooperate': true },
      ],
      ['voluntary-help@veilig-thuis', 'contributed', { 'safety-agreements': 'Afspraken' }],
      ['voluntary-help', 'unsafe', { 'help-plan': 'Gezinscoach' }],
      [
        'board-request',
        'no-measure',
        { 'board-advice': 'Geen maatregel', 'measure-requested': 'none' },
      ],
    ]);
    expect(result.opened).toEqual([
      expect.objectContaining({ stepId: 'voluntary-help', iteration: 2, partnerId: 'lokaal-team' }),
      expect.objectContaining({
        stepId: 'voluntary-help',
        iteration: 2,
        partnerId: 'veilig-thuis',
      }),
    ]);
    result = drive(model, result.state, [
      ['voluntary-help@veilig-thuis', 'contributed', { 'safety-agreements': 'Nieuwe afspraken' }],
      ['voluntary-help', 'unsafe', { 'help-plan': 'Intensiever' }],
      [
        'board-request',
        'no-measure',
        { 'board-advice': 'Nog steeds geen', 'measure-requested': 'none' },
      ],
    ]);
    expect(result.ended).toEqual({ endId: 'closed-no-measure', result: 'closed' });
  });
});
