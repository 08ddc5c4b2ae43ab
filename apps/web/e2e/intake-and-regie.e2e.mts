import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.mts';

const CHAIN = 'vroegsignalering-schuldhulp';

/** Reloads the page until the locator shows the text (the workflow records asynchronously). */
async function reloadUntil(page: Page, locator: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await locator.count()) && (await locator.innerText()).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.reload();
    await locator.waitFor().catch(() => undefined);
  }
  throw new Error(`"${text}" did not appear`);
}

describe('a caseworker opens a case from the console', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(() => browser?.close());

  it('refuses a BSN, opens the case once and the first task reaches the right partner', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'gemeente.medewerker');
    await page.getByRole('link', { name: 'Nieuwe casus' }).click();
    await page.getByRole('heading', { name: 'Nieuwe casus openen' }).waitFor();
    await page.getByLabel('Keten', { exact: true }).selectOption(CHAIN);
    await page.getByLabel('Categorie').selectOption('arrears-signal');
    await page
      .getByLabel('Cliëntvraag')
      .fill('Energieachterstand van twee maanden; wil een betalingsregeling.');
    await page.getByLabel('Ketenpseudoniem').fill('111222333');
    await page.getByLabel('Naam inwoner').fill('B. de Groot');
    await page.getByLabel('Adres').fill('Molenweg 8, Middenstad');
    await page.getByLabel('Achterstand (euro)').fill('480');
    await page.getByLabel('Dagen achterstand').fill('45');
    await page
      .getByRole('group', { name: /Herinnering verstuurd/ })
      .getByLabel('Ja')
      .check();
    await page.getByLabel('Bron van het signaal').selectOption('energy');
    await page.getByRole('button', { name: 'Casus openen' }).click();
    expect(await page.locator('#intake-clientReference-error').innerText()).toBe(
      'Dit lijkt een BSN. Gebruik het ketenpseudoniem van de inwoner.',
    );
    await page.getByLabel('Ketenpseudoniem').fill('KP-E2E-UI-01');
    await screenshot(page, '12-new-case');
    await expectAccessible(page, 'new case');
    // A double click sends one intake: the form's Idempotency-Key makes a retry the same case.
    await page.getByRole('button', { name: 'Casus openen' }).dblclick();

    const opened = page.getByTestId('opened-tasks');
    await opened.waitFor();
    expect(await opened.innerText()).toContain(
      'Eerste taak: Matching en triage bij Gemeente Middenstad',
    );
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const cases = await api.call<{ items: { id: string }[] }>(
      'regisseur',
      'GET',
      `/cases?chainId=${CHAIN}&limit=200`,
    );
    expect(cases.items.filter((item) => item.id === caseId)).toHaveLength(1);

    const task = await api.openTask('gemeente.medewerker', caseId, 'matching');
    await page.getByRole('link', { name: 'Werkbak' }).click();
    const link = page.locator(`a[href="/app/tasks/${task.id}"]`);
    await link.waitFor();
    const other = await api.call<{ items: { caseId: string }[] }>(
      'kredietbank.medewerker',
      'GET',
      '/tasks?view=open&limit=200',
    );
    expect(other.items.some((item) => item.caseId === caseId)).toBe(false);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the regisseur suspends and resumes a clock', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const opened = await api.openCase('gemeente.medewerker', {
      chainId: CHAIN,
      category: 'arrears-signal',
      clientQuestion: 'Zorgpremie-achterstand; inwoner reageert niet op brieven.',
      clientReference: 'KP-E2E-VS-02',
      data: {
        'client-name': 'C. Bakker',
        'contact-address': 'Dorpsstraat 1, Middenstad',
        'amount-owed': 610,
        'days-in-arrears': 70,
        'reminder-sent': true,
        'signal-source': 'health-insurance',
      },
    });
    caseId = opened.id;
    // Outreach waits on the resident, so its clock may be suspended (matching's may not).
    await api.completeStep('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    await api.openTask('gemeente.medewerker', caseId, 'outreach');
  });

  afterAll(() => browser?.close());

  it('records both with their reasons on the timeline', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'regisseur');
    await page.goto(`${baseUrl}/app/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Regie-actie' }).waitFor();
    await expectAccessible(page, 'case');

    await page.getByLabel('Termijn opschorten (wachten op inwoner of partner)').check();
    await page.getByLabel('Wachten op', { exact: true }).selectOption('client');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    expect(await page.locator('#case-action-reason-error').innerText()).toBe(
      'Geef een reden van minstens 3 tekens.',
    );
    await page
      .getByLabel('Reden (verplicht)')
      .fill('Inwoner levert loonstroken pas volgende week.');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.getByText('De actie is vastgelegd.').waitFor();

    const resume = page.getByLabel('Termijn hervatten');
    await reloadUntil(page, page.getByTestId('case-tasks'), 'Termijn opgeschort');
    await resume.check();
    await page.getByLabel('Reden (verplicht)').fill('Loonstroken ontvangen.');
    await screenshot(page, '13-case-regie');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.getByText('De actie is vastgelegd.').waitFor();

    const timeline = page.getByTestId('timeline');
    await reloadUntil(page, timeline, 'Termijn hervat');
    const text = await timeline.innerText();
    expect(text).toContain(
      'Termijn opgeschort — reden: Inwoner levert loonstroken pas volgende week.',
    );
    expect(text).toContain('Termijn hervat — reden: Loonstroken ontvangen.');
    expect(consoleErrors).toEqual([]);
  });
});

describe('the regisseur holds the whole case to its norm', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The Wmo case norm: eight weeks from the notification, suspendable and extendable.
    const opened = await api.openCase('gemeente.medewerker', {
      chainId: 'wmo-maatwerk',
      category: 'wmo-notification',
      clientQuestion: 'Inwoner wacht op een traplift.',
      clientReference: 'KP-E2E-WMO-NORM',
      data: {
        'client-name': 'D. Smits',
        'contact-address': 'Beukenlaan 4, Middenstad',
        'support-question': 'Traplift',
        'notification-date': new Date().toISOString().slice(0, 10),
        'wants-personal-plan': false,
      },
    });
    caseId = opened.id;
  });

  afterAll(() => browser?.close());

  it('shows the case norm with its due date, and suspends and resumes it with reasons', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'regisseur');
    await page.goto(`${baseUrl}/app/cases/${caseId}`);
    const norm = page.getByTestId('case-norm');
    await norm.waitFor();
    expect(await norm.innerText()).toMatch(/^Loopt · Uiterlijk /);

    await page.getByLabel('Doorlooptijd casus opschorten').check();
    await page.getByLabel('Wachten op', { exact: true }).selectOption('partner');
    await page.getByLabel('Reden (verplicht)').fill('Offerte traplift nog niet binnen.');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.getByText('De actie is vastgelegd.').waitFor();
    await reloadUntil(page, norm, 'Opgeschort');

    await page.getByLabel('Doorlooptijd casus hervatten').check();
    await page.getByLabel('Reden (verplicht)').fill('Offerte ontvangen.');
    await screenshot(page, '14-case-norm');
    await page.getByRole('button', { name: 'Actie uitvoeren' }).click();
    await page.getByText('De actie is vastgelegd.').waitFor();
    await reloadUntil(page, page.getByTestId('timeline'), 'Doorlooptijd casus hervat');
    expect(await page.getByTestId('timeline').innerText()).toContain(
      'Doorlooptijd casus opgeschort — reden: Offerte traplift nog niet binnen.',
    );
    expect(consoleErrors).toEqual([]);
  });
});
