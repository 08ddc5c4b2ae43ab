import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { putProviderAccount } from '../../../test/support/openid-provider.ts';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot } from './support/browser.mts';
import { E2E_IDENTITY_PROVIDER } from './support/environment.mts';

const INTAKE = {
  chainId: 'wmo-maatwerk',
  category: 'wmo-notification',
  clientQuestion: 'Meneer heeft na een val hulp nodig bij het douchen.',
  clientReference: 'KP-E2E-OIDC-01',
  data: {
    'client-name': 'P. Idema',
    'contact-address': 'Beukenlaan 3, Middenstad',
    'support-question': 'Hulp bij persoonlijke verzorging',
    'notification-date': '2026-03-04',
    'wants-personal-plan': false,
  },
};

const openIdProvider = inject('openIdProvider');

/**
 * A caseworker of the municipality signs in through the region's identity provider (oidc-provider
 * with its own login page), by the console's authorization code + PKCE flow in Chromium: the
 * first sign-in creates their account from the claims, the inbox shows the municipality's work,
 * and signing out ends the session at the provider too.
 */
describe.skipIf(openIdProvider === null)('sign-in through an identity provider', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  const person = {
    sub: `oidc.${randomUUID().slice(0, 8)}`,
    password: `e2e-${randomUUID()}`,
    name: 'Olga Idema',
  };
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await putProviderAccount(openIdProvider!, person.sub, {
      password: person.password,
      claims: {
        preferred_username: `${person.sub}@gemeente.example.nl`,
        name: person.name,
        organisation: 'gemeente',
        groups: ['Iedereen'],
      },
    });
    caseId = (await api.openCase('gemeente.medewerker', INTAKE)).id;
  });

  afterAll(() => browser?.close());

  it("signs in at the provider, works the organisation's inbox and signs out there too", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/app/`);
    await page.getByRole('button', { name: `Aanmelden via ${E2E_IDENTITY_PROVIDER.name}` }).click();

    // The provider's own login page, on its own origin.
    await page.getByRole('heading', { name: 'Identity provider sign-in' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(openIdProvider!.issuer).origin);
    await page.getByLabel('Username').fill(person.sub);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong password' }).waitFor();
    await page.getByLabel('Username').fill(person.sub);
    await page.getByLabel('Password').fill(person.password);
    await screenshot(page, '20-identity-provider-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back in the console, signed in as the account the first sign-in created from the claims.
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain(person.name);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/app/inbox');
    const assessment = await api.openTask('gemeente.medewerker', caseId, 'assessment');
    await page.locator(`a[href="/app/tasks/${assessment.id}"]`).waitFor();
    await screenshot(page, '21-identity-provider-inbox');
    const accessToken = await page.evaluate(() => sessionStorage.getItem('schakel.token'));

    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Sign out of the identity provider?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij Schakel' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);

    // Signed out for the API as well: the provider's token is refused from now on.
    const me = await fetch(`${baseUrl}/auth/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(401);
    // And at the provider: signing in again asks for the password.
    await page.getByRole('button', { name: `Aanmelden via ${E2E_IDENTITY_PROVIDER.name}` }).click();
    await page.getByRole('heading', { name: 'Identity provider sign-in' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
