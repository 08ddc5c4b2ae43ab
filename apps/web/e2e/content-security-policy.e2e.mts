import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './support/accessibility.mts';
import { launchBrowser, openPage, signIn } from './support/browser.mts';

const MODEL = 'models/vroegsignalering-schuldhulp/1';

/**
 * Every page of each role (signed-in-routes.tsx) that needs no case of its own; the task, case and
 * escalation pages are walked by the scenarios that make them (caseworker, regisseur, intake).
 */
const PAGES: Record<string, string[]> = {
  'gemeente.medewerker': ['inbox', 'notifications', 'cases/new', 'models', MODEL],
  regisseur: ['escalations', 'chain-overview', 'dashboard', 'cases/new', 'models', MODEL],
  operations: ['dashboard', 'notifications', 'models', MODEL],
  admin: ['models', 'models/upload', 'admin/people', 'admin/organisations', 'admin/scim-clients'],
};

/** Records the violations the browser reports, from before the console's first script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('the Content-Security-Policy', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(() => browser?.close());

  it('is sent with the console and nothing on the sign-in page violates it', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await recordViolations(page);
    const response = await page.goto(`${baseUrl}/app/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
    await expectAccessible(page, 'sign-in');
    expect(consoleErrors).toEqual([]);
    // The recorder sees what the policy blocks: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "injected"';
      document.body.append(script);
    });
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await page.title()).not.toBe('injected');
  });

  for (const [username, paths] of Object.entries(PAGES)) {
    it(`reports no CSP violation and no serious accessibility violation on the pages of ${username}`, async () => {
      const { page, consoleErrors } = await openPage(browser);
      await recordViolations(page);
      await signIn(page, baseUrl, username);
      for (const path of paths) {
        await page.goto(`${baseUrl}/app/${path}`);
        await page.getByTestId('current-user').waitFor();
        await page.waitForLoadState('networkidle');
        expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
        await expectAccessible(page, `${username} ${path}`);
      }
      expect(consoleErrors.filter((error) => /Content.Security.Policy/i.test(error))).toEqual([]);
    });
  }
});
