import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.mts';
import { REPOSITORY_ROOT } from './support/environment.mts';

describe('the operations dashboard and the reference model', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  const api = new ApiDriver(baseUrl);

  /** Enough cases that the figures are not suppressed (at least five per group). */
  async function openSignals(count: number): Promise<void> {
    for (let index = 1; index <= count; index++) {
      const opened = await api.openCase('gemeente.medewerker', {
        chainId: 'vroegsignalering-schuldhulp',
        category: 'arrears-signal',
        clientQuestion: 'Betalingsachterstand energie; inwoner nog niet bereikt.',
        clientReference: `KP-E2E-OPS-${Date.now()}-${index}`,
        data: {
          'client-name': `Inwoner ${index}`,
          'contact-address': `Dorpsstraat ${index}, Middenstad`,
          'amount-owed': 400 + index * 50,
          'days-in-arrears': 45,
          'reminder-sent': true,
          'signal-source': 'energy',
        },
      });
      await api.completeStep('gemeente.medewerker', opened.id, 'matching', 'triaged', {
        crisis: false,
      });
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    await openSignals(6);
  });

  afterAll(() => browser?.close());

  it('shows the dashboard of a chain with its figures and exports', async () => {
    // Task facts follow the handovers off their path (the KPI rollup, seconds): wait for them.
    await expect
      .poll(
        async () =>
          (
            await api.call<{ rows: unknown[] }>(
              'operations',
              'GET',
              '/kpis/within-norm?chainId=vroegsignalering-schuldhulp',
            )
          ).rows.length,
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'operations');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByLabel('Keten', { exact: true }).selectOption('vroegsignalering-schuldhulp');
    for (const id of [
      'chart-throughput',
      'chart-wip',
      'chart-lead-times',
      'chart-partners',
      'chart-escalations',
    ]) {
      const card = page.getByTestId(id);
      await card.locator('.chart-card__chart, .empty').first().waitFor();
    }
    // Six cases were triaged and wait for outreach: these charts have data.
    await page.getByTestId('chart-throughput').locator('.recharts-line-curve').first().waitFor();
    await page.getByTestId('chart-wip').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('chart-partners').locator('.recharts-bar-rectangle').first().waitFor();
    await expect
      .poll(() => page.getByTestId('chart-partners').innerText())
      .toContain('Gemeente Middenstad');
    expect(await page.getByTestId('chart-wip').innerText()).toContain('Outreach');
    expect(await page.getByRole('button', { name: 'Eventlog (XES)' }).isVisible()).toBe(true);
    await screenshot(page, '09-operations');
    await expectAccessible(page, 'dashboard with figures');
    expect(consoleErrors).toEqual([]);
  });

  it('draws the chain as swimlanes with its steps, norms and live figures', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'regisseur');
    await page.goto(`${baseUrl}/app/models/vroegsignalering-schuldhulp/1`);
    const graph = page.getByTestId('model-graph');
    await graph.locator('.step-node').first().waitFor();
    const text = await graph.innerText();
    for (const lane of [
      'Gemeente Middenstad',
      'Kredietbank Middenstad',
      'Maatschappelijk werk Middenstad',
    ])
      expect(text).toContain(lane);
    for (const step of ['Matching en triage', 'Outreach', 'Eerste gesprek'])
      expect(text).toContain(step);
    expect(text).toContain('norm 10 werkdagen');
    // Live: six outreach tasks are open, and six triages were done within their norm.
    const outreach = page.getByTestId('step-Outreach');
    await expect.poll(() => outreach.locator('dd').nth(2).innerText()).toMatch(/^\d+$/);
    expect(Number(await outreach.locator('dd').nth(2).innerText())).toBeGreaterThanOrEqual(6);
    await expect
      .poll(() => page.getByTestId('step-Matching en triage').locator('dd').nth(1).innerText())
      .toBe('100%');
    await screenshot(page, '10-model');
    await expectAccessible(page, 'model with live figures');
    expect(consoleErrors).toEqual([]);
  });

  it('shows caseworkers the model without the figures that are not theirs, without errors', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'kredietbank.medewerker');
    await page.getByRole('link', { name: 'Referentiemodellen' }).click();
    await page
      .getByRole('link', {
        name: 'Bekijk de procesplaat van Vroegsignalering en schuldhulpverlening',
      })
      .click();
    await page.getByTestId('model-graph').locator('.step-node').first().waitFor();
    expect(await page.getByTestId('model-graph').innerText()).toContain('Eerste gesprek');
    await page
      .getByText('Live cijfers per stap zijn zichtbaar voor de ketenregisseur en monitoring.')
      .waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('lets a model owner upload a model, see its problems located, and publish it', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.getByRole('link', { name: 'Model uploaden' }).click();
    const source = readFileSync(join(REPOSITORY_ROOT, 'models/wmo-maatwerk.yaml'), 'utf8');
    const broken = source.replace(
      '{ from: personal-plan, to: assessment }',
      '{ from: personal-plan, to: assesment }',
    );
    await page.getByLabel('Inhoud van het model').fill(broken);
    await page.getByRole('button', { name: 'Controleren' }).click();
    const problems = page.getByRole('heading', { name: /probleem\/problemen gevonden/ });
    await problems.waitFor();
    expect(await page.locator('.problems').innerText()).toMatch(/regel \d+, kolom \d+/);
    await screenshot(page, '11-model-upload-problems');
    await expectAccessible(page, 'model upload with problems');

    await page.getByLabel('Inhoud van het model').fill(source);
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByText(/is gepubliceerd als versie \d+/).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
