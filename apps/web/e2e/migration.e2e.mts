import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { debtChainVersion2 } from '../../../libs/reference-model/test/migration-examples.ts';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.mts';
import { REPOSITORY_ROOT } from './support/environment.mts';

/** A chain of its own: the debt chain's model, then its version 2 of issue 16. */
const CHAIN = 'migratie-e2e';

describe('moving running cases to a new model version (issue 16)', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;

  async function publish(model: object): Promise<void> {
    await api.call('admin', 'POST', '/models/drafts', model);
    await api.call('admin', 'POST', `/models/drafts/${CHAIN}/publish`);
  }

  /** A case of the chain waiting at outreach, claimed by the municipality or not. */
  async function atOutreach(n: number, claimed: boolean): Promise<void> {
    const opened = await api.openCase('woningcorporatie.medewerker', {
      chainId: CHAIN,
      category: 'arrears-signal',
      clientQuestion: 'Huurachterstand van drie maanden.',
      clientReference: `KP-E2E-MIG-${Date.now()}-${n}`,
      data: {
        'client-name': `Inwoner ${n}`,
        'contact-address': `Dorpsstraat ${n}, Middenstad`,
        'amount-owed': 1200,
        'days-in-arrears': 64,
        'reminder-sent': true,
        'signal-source': 'housing',
      },
    });
    await api.completeStep('gemeente.medewerker', opened.id, 'matching', 'triaged', {
      crisis: false,
    });
    if (!claimed) return;
    const task = await api.openTask('gemeente.medewerker', opened.id, 'outreach');
    await api.call('gemeente.medewerker', 'POST', `/tasks/${task.id}/claim`);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const source = readFileSync(
      join(REPOSITORY_ROOT, 'models/vroegsignalering-schuldhulp.yaml'),
      'utf8',
    );
    const version1 = parse(source);
    version1.chain.id = CHAIN;
    await publish(version1);
    await atOutreach(1, false);
    await atOutreach(2, false);
    await atOutreach(3, true);
    await publish(debtChainVersion2(version1));
  });

  afterAll(() => browser?.close());

  it('maps the renamed step, dry-runs every case, migrates with a reason and shows the progress', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.getByRole('link', { name: 'Casussen migreren' }).click();
    await page.getByLabel('Keten', { exact: true }).selectOption(CHAIN);
    await page.getByRole('button', { name: 'Migratieplan maken' }).click();
    // `matching` got another name in version 2: only the owner can say it became `triage`.
    await page.getByText('Het plan heeft 1 probleem/problemen:').waitFor();
    await page
      .getByLabel('Waar gaan open taken van Matching en triage heen?')
      .selectOption('triage');
    await page.getByRole('button', { name: 'Opslaan als nieuwe revisie' }).click();
    await page.getByText('Het plan is geldig.').waitFor();

    await page.getByRole('button', { name: 'Proefmigratie' }).click();
    const dryRun = page.getByRole('table', { name: 'Proefmigratie: wat er per casus gebeurt' });
    await dryRun.waitFor();
    await page.getByText('3 open casussen: 2 kunnen mee, 1 niet, 0 zijn al over.').waitFor();
    expect(await dryRun.locator('tr[data-outcome="refused"]').count()).toBe(1);
    expect(await dryRun.innerText()).toContain(
      'outreach · gemeente → outreach · maatschappelijk-werk',
    );
    await screenshot(page, '17-migration-dry-run');

    await page.getByLabel('Reden').fill('Outreach gaat naar maatschappelijk werk (evaluatie 2026)');
    await page.getByRole('button', { name: 'Migreer 2 casussen' }).click();
    await page
      .getByText(/^Klaar: 2 gemigreerd, 1 geweigerd, 0 al over, van 3/)
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: 'Voortgang' }).getAttribute('value')).toBe(
      '100',
    );
    await screenshot(page, '18-migration-progress');
    expect(consoleErrors).toEqual([]);
  });
});
