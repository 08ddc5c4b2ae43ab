import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.mts';

const ORGANISATION = { id: 'buurtteam-e2e', name: 'Buurtteam Oost (e2e)' };
const PERSON = {
  username: 'e2e.medewerker',
  displayName: 'Eva van Dijk',
  password: 'een-lang-e2e-wachtwoord',
};

async function signInWith(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await page.getByTestId('current-user').waitFor();
}

describe('an admin onboards a caseworker and deactivates them again', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(() => browser?.close());

  it('creates the organisation and the person, who signs in until deactivated', async () => {
    const admin = await openPage(browser);
    await signIn(admin.page, baseUrl, 'admin');

    await admin.page.getByRole('link', { name: 'Organisaties' }).click();
    await admin.page.getByRole('heading', { name: 'Organisaties', level: 1 }).waitFor();
    await admin.page.getByLabel('Kenmerk (zoals in de modellen)').fill('Niet Geldig');
    await admin.page.getByLabel('Naam', { exact: true }).fill(ORGANISATION.name);
    await admin.page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    // The API's 400 names the field; the console shows it under that field.
    expect(await admin.page.locator('#organisation-id-error').innerText()).toContain(
      'lower-case letters',
    );
    await admin.page.getByLabel('Kenmerk (zoals in de modellen)').fill(ORGANISATION.id);
    await admin.page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await admin.page.getByTestId(`organisation-${ORGANISATION.id}`).waitFor();
    await screenshot(admin.page, '14-admin-organisations');
    await expectAccessible(admin.page, 'organisations');

    await admin.page.getByRole('link', { name: 'Mensen en rollen' }).click();
    await admin.page.getByRole('heading', { name: 'Mensen en rollen', level: 1 }).waitFor();
    const form = admin.page.locator('form[aria-labelledby="new-person-title"]');
    await form.getByLabel('Gebruikersnaam').fill(PERSON.username);
    await form.getByLabel('Naam', { exact: true }).fill(PERSON.displayName);
    await form.getByLabel('Wachtwoord (lokaal account)').fill('te-kort');
    await form.getByLabel('Rol', { exact: true }).selectOption('caseworker');
    await form.getByLabel('Organisatie').selectOption(ORGANISATION.id);
    await form.getByRole('button', { name: 'Persoon toevoegen' }).click();
    expect(await admin.page.locator('#person-password-error').innerText()).toContain('12');
    await form.getByLabel('Wachtwoord (lokaal account)').fill(PERSON.password);
    await form.getByRole('button', { name: 'Persoon toevoegen' }).click();
    const row = admin.page.getByRole('row').filter({ hasText: PERSON.username });
    await row.waitFor();
    expect(await row.innerText()).toContain(
      `Medewerker van een organisatie · ${ORGANISATION.name}`,
    );
    expect(admin.consoleErrors.filter((error) => !error.includes('400'))).toEqual([]);

    const caseworker = await openPage(browser);
    await signInWith(caseworker.page, baseUrl, PERSON.username, PERSON.password);
    await caseworker.page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    expect(await caseworker.page.getByTestId('current-user').innerText()).toContain(
      ORGANISATION.id,
    );

    await admin.page.getByLabel('Zoek op naam').fill('eva dijk');
    await admin.page.getByRole('button', { name: `${PERSON.displayName} beheren` }).click();
    const panel = admin.page.getByTestId('person-panel');
    await panel.getByRole('button', { name: 'Deactiveren' }).click();
    await panel.getByText(`${PERSON.displayName} deactiveren?`).waitFor();
    await screenshot(admin.page, '15-admin-people');
    await expectAccessible(admin.page, 'people with a person open');
    await panel.getByRole('button', { name: 'Ja, doorgaan' }).click();
    await panel.getByText('Deze persoon is gedeactiveerd.').waitFor();
    await panel.getByText('Gedeactiveerd; 0 taak/taken terug').waitFor();

    // Their next request is refused: the console signs them out.
    await caseworker.page.reload();
    await caseworker.page.getByRole('heading', { name: 'Aanmelden bij Schakel' }).waitFor();
    await caseworker.page.getByText('Uw sessie is verlopen. Meld u opnieuw aan.').waitFor();
    await caseworker.page.getByLabel('Gebruikersnaam').fill(PERSON.username);
    await caseworker.page.getByLabel('Wachtwoord').fill(PERSON.password);
    await caseworker.page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await caseworker.page.getByRole('alert').waitFor();
    expect(await caseworker.page.getByTestId('current-user').count()).toBe(0);
  });

  it('issues a SCIM token that is shown once, and revokes it', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.getByRole('link', { name: 'SCIM-koppelingen' }).click();
    await page.getByLabel('Identity provider').fill('Entra ID buurtteam');
    await page.getByLabel(ORGANISATION.name).check();
    await page.getByRole('button', { name: 'Token uitgeven' }).click();
    const token = await page.getByTestId('scim-token').innerText();
    expect(token).toMatch(/^scim_/);
    await screenshot(page, '16-admin-scim-clients');
    await expectAccessible(page, 'SCIM clients with a token shown');

    const row = page.getByRole('row').filter({ hasText: 'Entra ID buurtteam' });
    expect(await row.innerText()).not.toContain(token);
    await row.getByRole('button', { name: 'Intrekken' }).click();
    await row.getByRole('button', { name: 'Ja, doorgaan' }).click();
    await row.getByText('Ingetrokken op').waitFor();
    const refused = await fetch(`${baseUrl}/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    expect(consoleErrors).toEqual([]);
  });
});
