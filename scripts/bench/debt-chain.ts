/**
 * The route the load driver takes through the debt chain (models/vroegsignalering-schuldhulp.yaml):
 * sequential handovers between four organisations, then creditors and income administration in
 * parallel up to the join, then aftercare. Each step is done by a caseworker of its organisation.
 */
export interface ScriptedStep {
  stepId: string;
  username: string;
  outcome: string;
  data: Record<string, unknown>;
}

export const DEBT_CHAIN_ID = 'vroegsignalering-schuldhulp';
export const INTAKE_USER = 'woningcorporatie.medewerker';

export function debtIntake(index: number): object {
  return {
    chainId: DEBT_CHAIN_ID,
    category: 'arrears-signal',
    clientQuestion: 'Huurachterstand van drie maanden; wil weer grip op de financiën.',
    clientReference: `BENCH-${index}`,
    data: {
      'client-name': `Inwoner ${index}`,
      'contact-address': 'Dorpsstraat 1, Middenstad',
      'amount-owed': 1850,
      'days-in-arrears': 64,
      'reminder-sent': true,
      'signal-source': 'housing',
    },
  };
}

const step = (
  stepId: string,
  organisation: string,
  outcome: string,
  data: Record<string, unknown> = {},
): ScriptedStep => ({ stepId, username: `${organisation}.medewerker`, outcome, data });

/** Stages in order; the steps of one stage are open at the same time and done in parallel. */
export const DEBT_CHAIN_STAGES: ScriptedStep[][] = [
  [step('matching', 'gemeente', 'triaged', { crisis: false })],
  [step('outreach', 'gemeente', 'reached', { 'contact-channel': 'phone' })],
  [step('first-conversation', 'kredietbank', 'accepted', { 'help-accepted': true })],
  [step('feedback', 'woningcorporatie', 'acknowledged')],
  [step('access-decision', 'gemeente', 'granted', { 'debt-total': 12400 })],
  [step('stabilisation', 'kredietbank', 'stable', { 'income-stable': true })],
  [
    step('creditors', 'kredietbank', 'done', { 'creditor-agreement': true }),
    step('income-administration', 'gemeente', 'set-up', {
      'income-administration-start': '2026-12-01',
    }),
  ],
  [step('aftercare', 'maatschappelijk-werk', 'completed')],
];

export const HANDOVERS_PER_CASE = DEBT_CHAIN_STAGES.flat().length;

export const CHAIN_USERS = [
  ...new Set([INTAKE_USER, ...DEBT_CHAIN_STAGES.flat().map((scripted) => scripted.username)]),
];
