import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { ApiDriver } from './support/api-driver.mts';
import {
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  signOut,
  TABLET,
} from './support/browser.mts';

const WMO_INTAKE = {
  chainId: 'wmo-maatwerk',
  category: 'wmo-notification',
  clientQuestion: 'Mevrouw kan na een heupoperatie het huishouden niet meer zelf doen.',
  clientReference: 'KP-E2E-WMO-01',
  data: {
    'client-name': 'J. de Vries',
    'contact-address': 'Lindelaan 12, Middenstad',
    'support-question': 'Hulp bij het huishouden',
    // Today: the Wmo terms run from the notification, so an old date would be overdue at once.
    'notification-date': new Date().toISOString().slice(0, 10),
    'wants-personal-plan': false,
  },
};

describe('a caseworker completes a task and the next partner sees it arrive', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;
  let caseNumber: number;
  let caseId: string;
  const taskLink = (taskId: string) => `a[href="/app/tasks/${taskId}"]`;

  beforeAll(async () => {
    browser = await launchBrowser();
    const opened = await api.openCase('gemeente.medewerker', WMO_INTAKE);
    caseNumber = opened.number;
    caseId = opened.id;
  });

  afterAll(() => browser?.close());

  it('signs in, claims, is told what is missing, completes and hands over', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Aanmelden bij Schakel' }).waitFor();
    await screenshot(page, '01-sign-in');

    await signIn(page, baseUrl, 'gemeente.medewerker');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('gemeente');
    await expect
      .poll(() => page.getByTestId('current-user').innerText())
      .toContain('Ketenpartner-medewerker');
    const assessment = await api.openTask('gemeente.medewerker', caseId, 'assessment');
    const row = page.locator(taskLink(assessment.id));
    await row.waitFor();
    await screenshot(page, '02-inbox');
    await expectAccessible(page, 'inbox');

    await row.click();
    await page
      .getByRole('heading', { name: `Casus ${caseNumber} · Onderzoek (keukentafelgesprek)` })
      .waitFor();
    expect(await page.getByTestId('case-data').innerText()).toContain('J. de Vries');
    // The assessment came from the intake: returning it is offered, disabled, with why.
    await page
      .getByText('Deze taak kwam uit de intake; er is geen overdracht om terug te sturen.')
      .waitFor();
    await expectAccessible(page, 'task');
    await page.getByRole('button', { name: 'Oppakken' }).click();
    await page.getByRole('button', { name: 'Vrijgeven voor collega’s' }).waitFor();

    await page.getByLabel('Medisch advies nodig').check();
    await page.getByRole('button', { name: 'Taak afronden' }).click();
    await page.getByText('Het formulier heeft 1 fout(en)').waitFor();
    expect(await page.locator('#field-assessment-report-error').innerText()).toContain(
      'Vul dit veld in',
    );
    await page
      .getByLabel('Verslag onderzoek')
      .fill('Keukentafelgesprek gevoerd; medisch advies over mobiliteit nodig.');
    await screenshot(page, '03-task');

    await page.getByRole('button', { name: 'Taak afronden' }).click();
    await page.getByText('Taak afgerond. De casus is overgedragen.').waitFor();
    expect(consoleErrors).toEqual([]);

    await signOut(page);
    await signIn(page, baseUrl, 'medisch-adviseur.medewerker');
    const advice = await api.openTask('medisch-adviseur.medewerker', caseId, 'medical-advice');
    await page.locator(taskLink(advice.id)).click();
    await page.getByRole('heading', { name: `Casus ${caseNumber} · Medisch advies` }).waitFor();
    await page
      .getByText('Keukentafelgesprek gevoerd; medisch advies over mobiliteit nodig.')
      .first()
      .waitFor();
    expect(await page.getByTestId('timeline').innerText()).toContain('Taak afgerond');
    await screenshot(page, '04-task-next-partner');
    await expectAccessible(page, 'task of the next partner');

    // A note is for the own organisation unless shared: one shared with the municipality, one not.
    await page.getByLabel('Notitie', { exact: true }).fill('Alleen voor de GGD.');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByText('Notitie opgeslagen.').waitFor();
    await page
      .getByLabel('Notitie', { exact: true })
      .fill('Ook voor de gemeente: mobiliteit beperkt.');
    await page.getByLabel('Gemeente Middenstad, team Wmo').check();
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByTestId('timeline').getByText('Ook voor de gemeente').waitFor();
    expect(consoleErrors).toEqual([]);

    await signOut(page);
    await signIn(page, baseUrl, 'gemeente.medewerker');
    await page.goto(`${baseUrl}/app/tasks/${assessment.id}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Ook voor de gemeente: mobiliteit beperkt.').waitFor();
    expect(await timeline.innerText()).not.toContain('Alleen voor de GGD.');
    expect(consoleErrors).toEqual([]);
  });

  it('can be used with the keyboard, in English, at tablet width', async () => {
    const { page, consoleErrors } = await openPage(browser, TABLET);
    await signIn(page, baseUrl, 'medisch-adviseur.medewerker');
    const advice = await api.openTask('medisch-adviseur.medewerker', caseId, 'medical-advice');
    await page.locator(taskLink(advice.id)).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // Focus lands on the page's title, the next Tab on its first control, with a visible outline.
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { text: element.innerText, outline: getComputedStyle(element).outlineStyle };
      });
    expect((await focused()).text).toBe('Werkbak');
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Alle open taken', outline: 'solid' });

    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('Partner caseworker');
    await screenshot(page, '05-inbox-tablet-english');
    await expectAccessible(page, 'inbox in English at tablet width');
    expect(consoleErrors).toEqual([]);
  });
});
