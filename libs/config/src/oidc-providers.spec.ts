import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oidcProviders, parseGrantEntry } from './oidc-providers';

const wijkteam = {
  id: 'wijkteam',
  name: 'Wijkteam',
  issuer: 'https://login.wijkteam.example.nl',
  audience: 'schakel',
  organisations: ['wijkteam'],
};

const list = (...providers: unknown[]) => ({ AUTH_OIDC_PROVIDERS: JSON.stringify(providers) });

describe('oidcProviders', () => {
  it('is empty without any OIDC setting', () => {
    expect(oidcProviders({})).toEqual([]);
  });

  it('reads the single-issuer variables as one provider for every organisation and chain', () => {
    expect(
      oidcProviders({
        AUTH_OIDC_ISSUER: 'https://id.example.nl/realms/regio',
        AUTH_OIDC_AUDIENCE: 'schakel',
        AUTH_OIDC_CLIENT_ID: 'schakel-console',
        AUTH_OIDC_ROLES_CLAIM: 'groups',
      }),
    ).toEqual([
      expect.objectContaining({
        id: 'oidc',
        name: 'id.example.nl',
        issuer: 'https://id.example.nl/realms/regio',
        audience: 'schakel',
        clientId: 'schakel-console',
        scope: 'openid profile email',
        usernameClaim: 'preferred_username',
        rolesClaim: 'groups',
        organisations: '*',
        chains: '*',
        mayGrantAdmin: false,
      }),
    ]);
  });

  it('reads a list with defaults, role mappings and "*"', () => {
    const [provider, regional] = oidcProviders(
      list(
        {
          ...wijkteam,
          rolesClaim: 'groups',
          roleMapping: {
            'Wmo regie': 'regisseur:wmo-maatwerk',
            Medewerkers: ['caseworker:wijkteam'],
          },
        },
        {
          ...wijkteam,
          id: 'regio',
          issuer: 'https://regio.example.nl',
          organisations: ['*'],
          chains: ['*'],
        },
      ),
    );
    expect(provider).toMatchObject({
      scope: 'openid profile email',
      usernameClaim: 'preferred_username',
      organisations: ['wijkteam'],
      chains: undefined,
      mayGrantAdmin: false,
      roleMapping: {
        'Wmo regie': [{ role: 'regisseur', scope: 'wmo-maatwerk' }],
        Medewerkers: [{ role: 'caseworker', scope: 'wijkteam' }],
      },
    });
    expect(regional).toMatchObject({ organisations: '*', chains: '*' });
  });

  it('reads the example of docs/identity.md as documented', () => {
    const guide = readFileSync(join(__dirname, '../../../docs/identity.md'), 'utf8');
    const example = /## OIDC sign-in[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const [wijkteamProvider, regional] = oidcProviders({ AUTH_OIDC_PROVIDERS: example });
    expect(wijkteamProvider).toMatchObject({
      id: 'wijkteam',
      usernameClaim: 'email',
      roleMapping: { 'Wmo regie': [{ role: 'regisseur', scope: 'wmo-maatwerk' }] },
      organisations: ['wijkteam'],
    });
    expect(regional).toMatchObject({ organisations: '*', chains: '*', roleMapping: undefined });
  });

  it('reads YAML from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oidc-')), 'providers.yaml');
    writeFileSync(
      file,
      '- id: wijkteam\n  name: Wijkteam\n  issuer: https://login.wijkteam.example.nl\n  audience: schakel\n  organisations: [wijkteam]\n',
    );
    expect(oidcProviders({ AUTH_OIDC_PROVIDERS_FILE: file })[0].id).toBe('wijkteam');
  });

  it.each([
    [
      'a provider without audience',
      list({ ...wijkteam, audience: undefined }),
      /AUTH_OIDC_PROVIDERS: \[0\]\.audience/,
    ],
    [
      'a provider without organisations',
      list({ ...wijkteam, organisations: [] }),
      /\[0\]\.organisations/,
    ],
    [
      'a malformed organisation id',
      list({ ...wijkteam, organisations: ['Wijk Team'] }),
      /\[0\]\.organisations: organisations must be/,
    ],
    [
      'a repeated id',
      list(wijkteam, { ...wijkteam, issuer: 'https://other.example.nl' }),
      /id 'wijkteam' appears twice/,
    ],
    [
      'a repeated issuer',
      list(wijkteam, { ...wijkteam, id: 'other' }),
      /issuer 'https:\/\/login.wijkteam.example.nl' appears twice/,
    ],
    [
      'a role mapping to no grant',
      list({ ...wijkteam, roleMapping: { x: 'boss:all' } }),
      /\[0\]\.roleMapping\["x"\]: "boss:all" is not a grant/,
    ],
    [
      'admin without mayGrantAdmin',
      list({ ...wijkteam, roleMapping: { x: 'admin' } }),
      /needs "mayGrantAdmin": true/,
    ],
    ['an empty list', { AUTH_OIDC_PROVIDERS: '[]' }, /must be a non-empty list/],
    [
      'text that is no list',
      { AUTH_OIDC_PROVIDERS: '{' },
      /AUTH_OIDC_PROVIDERS: is not JSON or YAML/,
    ],
    [
      'a file that cannot be read',
      { AUTH_OIDC_PROVIDERS_FILE: '/nonexistent/providers.yaml' },
      /AUTH_OIDC_PROVIDERS_FILE: cannot be read/,
    ],
    [
      'a list and the shorthand together',
      { ...list(wijkteam), AUTH_OIDC_ISSUER: 'https://id.example.nl' },
      /AUTH_OIDC_ISSUER: set either/,
    ],
  ])('refuses %s, naming the setting', (_label, settings, message) => {
    expect(() => oidcProviders(settings)).toThrow(message);
  });

  it('lets a provider configured for it map a group to admin', () => {
    const [provider] = oidcProviders(
      list({ ...wijkteam, mayGrantAdmin: true, roleMapping: { Beheer: 'admin:wmo-maatwerk' } }),
    );
    expect(provider.roleMapping).toEqual({ Beheer: [{ role: 'admin', scope: 'wmo-maatwerk' }] });
  });
});

describe('parseGrantEntry', () => {
  it.each([
    ['regisseur:wmo-maatwerk', { role: 'regisseur', scope: 'wmo-maatwerk' }],
    ['admin', { role: 'admin', scope: null }],
    ['caseworker:wijkteam', { role: 'caseworker', scope: 'wijkteam' }],
    ['caseworker', null],
    ['regisseur:Wmo', null],
    ['regisseur:a:b', null],
    ['All staff', null],
  ])('reads %p', (text, grant) => {
    expect(parseGrantEntry(text)).toEqual(grant);
  });
});
