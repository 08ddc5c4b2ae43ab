import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseDriver } from './case-driver';
import { publishModel } from './publish-model';
import { REPOSITORY_ROOT } from './test-environment';
import type { TestStack } from './test-stack';

/** Strings planted in personal fields, free text and a confidential step; each must reach only its readers. */
export const MARKERS = {
  /** Personal field of the intake (client name): the intake partner and steps that see it. */
  personal: 'MARKER-PERSONAL-7Q2',
  /** The return reason written at the confidential step: its two ends (kredietbank, gemeente). */
  returnReason: 'MARKER-RETURN-4K9',
  /** A note of the confidential step's partner, not shared: kredietbank only. */
  note: 'MARKER-NOTE-3X8',
  /** A note shared with a named partner: kredietbank and gemeente. */
  sharedNote: 'MARKER-SHARED-5T1',
  /** Case data filled in at the confidential step (household situation): kredietbank only. */
  confidentialData: 'MARKER-CONFIDENTIAL-8M6',
  /** The regisseur's reminder on the feedback task: the regisseur and the housing corporation. */
  regisseurReason: 'MARKER-REGIE-2B4',
} as const;

/** The debt chain under a chain id of the test's own, with first-conversation confidential and return categories. */
export function confidentialChainSource(chainId: string): string {
  const source = readFileSync(
    join(REPOSITORY_ROOT, 'models/vroegsignalering-schuldhulp.yaml'),
    'utf8',
  );
  return source
    .replace(/^ {2}id: vroegsignalering-schuldhulp$/m, `  id: ${chainId}`)
    .replace(
      /^( {4}handsOver: \[help-accepted\]\n {4}maxReturns: 2\n)/m,
      `$1    confidential: true\n    returnReasons:\n      - { id: incomplete-information, label: Informatie onvolledig }\n      - { id: wrong-partner, label: Verkeerde partner }\n      - { id: client-unreachable, label: Cliënt onbereikbaar }\n`,
    );
}

export interface PlantedCase {
  chainId: string;
  caseId: string;
  /** The open feedback task at the housing corporation (for task read paths). */
  feedbackTaskId: string;
  /** A closed task of the confidential step, for the task read paths. */
  confidentialTaskId: string;
}

/**
 * Publishes the confidential variant of the debt chain and drives one case through it: the
 * housing corporation signals (personal marker), the municipality matches and reaches the client,
 * the debt-help provider (confidential step) writes an unshared note and a shared one, returns the
 * handover with a reason and a category, then completes with confidential case data; the case
 * waits at the housing corporation's feedback step, where the regisseur sends a reminder.
 */
export async function plantMarkers(
  stack: TestStack,
  chainId: string,
  /** Called while the confidential step is open at the debt-help provider. */
  whileConfidentialOpen: (caseId: string) => Promise<void> = () => Promise.resolve(),
): Promise<PlantedCase> {
  const driver = new CaseDriver(stack);
  await publishModel(stack, chainId, confidentialChainSource(chainId));

  const opened = await driver.open('woningcorporatie.medewerker', {
    chainId,
    category: 'arrears-signal',
    clientQuestion: 'Huurachterstand van drie maanden.',
    clientReference: 'KP-NTK-0001',
    data: {
      'client-name': MARKERS.personal,
      'contact-address': 'Dorpsstraat 1, Middenstad',
      'amount-owed': 1850,
      'days-in-arrears': 64,
      'reminder-sent': true,
      'signal-source': 'housing',
    },
  });
  const caseId = opened.case.id;
  await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
  await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
    'contact-channel': 'phone',
  });

  const conversation = await driver.task('kredietbank.medewerker', caseId, 'first-conversation');
  await expectStatus(
    await driver.post('kredietbank.medewerker', `/cases/${caseId}/notes`, {
      text: `Eigen aantekening ${MARKERS.note}`,
      taskKey: conversation.taskKey,
    }),
    201,
  );
  await expectStatus(
    await driver.post('kredietbank.medewerker', `/cases/${caseId}/notes`, {
      text: `Gedeelde aantekening ${MARKERS.sharedNote}`,
      sharedWith: ['gemeente'],
    }),
    201,
  );
  await expectStatus(
    await driver.post('kredietbank.medewerker', `/tasks/${conversation.id}/claim`),
    200,
  );
  await expectStatus(
    await driver.post('kredietbank.medewerker', `/tasks/${conversation.id}/return`, {
      reason: `Telefoonnummer klopt niet ${MARKERS.returnReason}`,
      category: 'incomplete-information',
    }),
    200,
  );
  await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
    'contact-channel': 'home-visit',
  });
  const second = await driver.task('kredietbank.medewerker', caseId, 'first-conversation');
  await whileConfidentialOpen(caseId);
  await driver.complete('kredietbank.medewerker', caseId, 'first-conversation', 'accepted', {
    'help-accepted': true,
    'household-situation': MARKERS.confidentialData,
  });
  const feedback = await driver.task('woningcorporatie.medewerker', caseId, 'feedback');
  await expectStatus(
    await driver.post('regisseur', `/cases/${caseId}/tasks/${feedback.taskKey}/remind`, {
      reason: `Graag vandaag afronden ${MARKERS.regisseurReason}`,
    }),
    200,
  );
  return { chainId, caseId, feedbackTaskId: feedback.id, confidentialTaskId: second.id };
}

async function expectStatus(response: { status: number; body: unknown }, status: number) {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
}
