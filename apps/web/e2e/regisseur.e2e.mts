import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.mts';

const DEBT_SIGNAL = {
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion:
    'Huurachterstand van drie maanden; wil hulp bij het op orde brengen van de financiën.',
  clientReference: 'KP-E2E-VS-01',
  data: {
    'client-name': 'A. Jansen',
    'contact-address': 'Kerkstraat 4, Middenstad',
    'amount-owed': 2350,
    'days-in-arrears': 62,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
};

/** The first conversation's handover is returned once more than the model allows: an escalation. */
async function escalateByReturns(
  api: ApiDriver,
): Promise<{ caseId: string; escalationId: string }> {
  const opened = await api.openCase('gemeente.medewerker', DEBT_SIGNAL);
  await api.completeStep('gemeente.medewerker', opened.id, 'matching', 'triaged', {
    crisis: false,
  });
  for (let round = 1; round <= 3; round++) {
    await api.completeStep('gemeente.medewerker', opened.id, 'outreach', 'reached', {
      'contact-channel': 'phone',
    });
    await api.returnStep(
      'kredietbank.medewerker',
      opened.id,
      'first-conversation',
      `Inkomensgegevens ontbreken (ronde ${round}).`,
    );
  }
  for (let attempt = 0; attempt < 60; attempt++) {
    const queue = await api.call<{ items: { id: string; caseId: string }[] }>(
      'regisseur',
      'GET',
      '/escalations?status=open&limit=200',
    );
    const escalation = queue.items.find((item) => item.caseId === opened.id);
    if (escalation) return { caseId: opened.id, escalationId: escalation.id };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The repeated returns raised no escalation');
}

describe('a regisseur resolves an escalation with a reason', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;
  let escalationId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ escalationId } = await escalateByReturns(api));
  });

  afterAll(() => browser?.close());

  it('finds it in the queue, sees the process data and resolves it only with a reason', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'regisseur');
    await page.getByRole('heading', { name: 'Escalaties' }).waitFor();
    const link = page.locator(`a[href="/app/escalations/${encodeURIComponent(escalationId)}"]`);
    await link.waitFor();
    expect(await link.innerText()).toBe('Herhaaldelijk teruggestuurd');
    await screenshot(page, '06-escalation-queue');
    await expectAccessible(page, 'escalation queue');

    await link.click();
    await page.getByRole('heading', { name: 'Procesgegevens' }).waitFor();
    expect(await page.getByTestId('case-tasks').innerText()).toContain('Eerste gesprek');
    expect(await page.locator('main').innerText()).not.toContain('A. Jansen');
    // The escalation is about a returned task: a reminder is offered, disabled, with why.
    await page.getByLabel('Herinnering sturen').waitFor();
    expect(await page.getByLabel('Herinnering sturen').isDisabled()).toBe(true);
    await page.getByText('De overdracht van deze taak is teruggestuurd.').first().waitFor();
    await expectAccessible(page, 'escalation');

    await page.getByLabel('Oplossen en sluiten').check();
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.locator('#escalation-reason-error').waitFor();
    await page
      .getByLabel('Reden (verplicht)')
      .fill(
        'Met kredietbank en gemeente afgesproken welke inkomensgegevens bij de overdracht horen.',
      );
    await screenshot(page, '07-escalation');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.getByText('De actie is vastgelegd.').waitFor();
    await expect
      .poll(
        async () =>
          (
            await api.call<{ escalation: { status: string } }>(
              'regisseur',
              'GET',
              `/escalations/${encodeURIComponent(escalationId)}`,
            )
          ).escalation.status,
      )
      .toBe('resolved');
    expect(consoleErrors).toEqual([]);
  });

  it('shows where every open case of the chain is now', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'regisseur');
    await page.getByRole('link', { name: 'Ketenoverzicht' }).click();
    await page.getByLabel('Keten', { exact: true }).selectOption('vroegsignalering-schuldhulp');
    const board = page.getByTestId('chain-board');
    await board.waitFor();
    expect(await board.innerText()).toContain('Gemeente');
    await screenshot(page, '08-chain-overview');
    await expectAccessible(page, 'chain overview');
    expect(consoleErrors).toEqual([]);
  });
});
