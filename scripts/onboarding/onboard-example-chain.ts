import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Onboards one example chain (the Wmo chain of models/) from nothing through public HTTP
 * interfaces only: the platform admin registers the partner organisations, publishes the model if
 * the chain has none yet, issues a SCIM token; the "identity provider" then provisions one
 * caseworker per partner plus a regisseur and an operations analyst for this chain only; those
 * people sign in and work a case.
 *
 *   node -r @swc-node/register scripts/onboarding/onboard-example-chain.ts \
 *     http://127.0.0.1:3000 <admin-username> <admin-password> [suffix]
 */

const EXTENSION = 'urn:schakel:params:scim:schemas:extension:2.0:User';
const MODEL_FILE = join(__dirname, '../../models/wmo-maatwerk.yaml');
const STAFF_PASSWORD = 'onboarding-example-password';

export interface OnboardingResult {
  chainId: string;
  organisations: string[];
  people: { caseworkers: string[]; regisseur: string; operations: string };
  caseId: string;
  /** What the regisseur and the analyst were shown, to check their scope. */
  regisseurCases: { id: string; chainId: string }[];
}

class Http {
  constructor(private readonly baseUrl: string) {}

  async call<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; type?: string; accept?: number[] } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined
          ? { 'Content-Type': options.type ?? 'application/json' }
          : {}),
      },
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    const accepted = options.accept ?? [200, 201, 204];
    if (!accepted.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async signIn(username: string, password: string): Promise<string> {
    const { body } = await this.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { username, password },
    });
    return body.accessToken;
  }
}

export async function onboardExampleChain(
  baseUrl: string,
  admin: { username: string; password: string },
  suffix: string,
  log: (line: string) => void = () => undefined,
): Promise<OnboardingResult> {
  const http = new Http(baseUrl);
  const source = await readFile(MODEL_FILE, 'utf8');
  const model = parse(source) as {
    chain: { id: string };
    partners: { id: string; name: string }[];
  };
  const chainId = model.chain.id;
  const adminToken = await http.signIn(admin.username, admin.password);

  for (const partner of model.partners) {
    const { status } = await http.call('POST', '/admin/organisations', {
      token: adminToken,
      body: { id: partner.id, name: partner.name },
      accept: [201, 409],
    });
    log(`organisation ${partner.id}: ${status === 201 ? 'registered' : 'already known'}`);
  }

  const versions = await http.call<unknown[]>('GET', `/models/${chainId}/versions`, {
    token: adminToken,
    accept: [200, 404],
  });
  if (versions.status === 404 || versions.body.length === 0) {
    await http.call('POST', '/models/drafts', {
      token: adminToken,
      body: source,
      type: 'application/yaml',
    });
    await http.call('POST', `/models/drafts/${chainId}/publish`, { token: adminToken });
    log(`model ${chainId}: published`);
  } else {
    log(`model ${chainId}: already published`);
  }

  const organisations = model.partners.map((partner) => partner.id);
  const { body: client } = await http.call<{ token: string }>('POST', '/admin/scim-clients', {
    token: adminToken,
    body: { name: `Identity provider of ${chainId} (${suffix})`, organisationIds: organisations },
  });

  const provision = async (userName: string, extension: Record<string, unknown>) => {
    await http.call('POST', '/scim/v2/Users', {
      token: client.token,
      type: 'application/scim+json',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXTENSION],
        userName,
        displayName: userName,
        password: STAFF_PASSWORD,
        [EXTENSION]: extension,
      },
    });
    log(`provisioned ${userName}`);
    return userName;
  };
  const caseworkers: string[] = [];
  for (const organisation of organisations) {
    caseworkers.push(
      await provision(`${organisation}.${suffix}`, { organisationId: organisation }),
    );
  }
  const regisseur = await provision(`regisseur.${chainId}.${suffix}`, {
    roles: [{ role: 'regisseur', chainId }],
  });
  const operations = await provision(`operations.${chainId}.${suffix}`, {
    roles: [{ role: 'operations', chainId }],
  });

  // The staff sign in and work a case: the municipality opens it and completes the assessment.
  const gemeente = await http.signIn(`gemeente.${suffix}`, STAFF_PASSWORD);
  const { body: opened } = await http.call<{ case: { id: string } }>('POST', '/cases', {
    token: gemeente,
    body: {
      chainId,
      category: 'wmo-notification',
      clientQuestion: 'Hulp bij het huishouden na een operatie.',
      clientReference: `KP-ONB-${suffix}`,
      data: {
        'client-name': 'A. Jansen',
        'contact-address': 'Kerkplein 4',
        'support-question': 'Huishoudelijke hulp',
        'notification-date': '2026-11-20',
        'wants-personal-plan': false,
      },
    },
  });
  const caseId = opened.case.id;
  const task = await waitForTask(http, gemeente, caseId);
  await http.call('POST', `/tasks/${task}/claim`, { token: gemeente });
  await http.call('POST', `/tasks/${task}/complete`, {
    token: gemeente,
    body: {
      outcome: 'custom-support',
      data: { 'assessment-report': 'Vier uur hulp per week.', 'support-type': 'household-help' },
    },
  });
  log(`case ${caseId}: opened and assessed by gemeente.${suffix}`);

  const regisseurToken = await http.signIn(regisseur, STAFF_PASSWORD);
  const { body: cases } = await http.call<{ items: { id: string; chainId: string }[] }>(
    'GET',
    '/cases?limit=200',
    { token: regisseurToken },
  );
  const operationsToken = await http.signIn(operations, STAFF_PASSWORD);
  await http.call('GET', `/kpis/work-in-progress?chainId=${chainId}`, { token: operationsToken });
  log(`regisseur sees ${cases.items.length} case(s); operations reads the chain's KPIs`);

  return {
    chainId,
    organisations,
    people: { caseworkers, regisseur, operations },
    caseId,
    regisseurCases: cases.items,
  };
}

/** The case's first task appears in the inbox once the workflow's projection has written it. */
async function waitForTask(http: Http, token: string, caseId: string): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { body } = await http.call<{ items: { id: string; caseId: string }[] }>(
      'GET',
      '/tasks?view=unassigned&limit=200',
      { token },
    );
    const found = body.items.find((item) => item.caseId === caseId);
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No task of case ${caseId} reached the inbox`);
}

if (require.main === module) {
  const [baseUrl, username, password, suffix] = process.argv.slice(2);
  if (!baseUrl || !username || !password) {
    process.stderr.write(
      'Usage: onboard-example-chain.ts <base-url> <admin-username> <admin-password> [suffix]\n',
    );
    process.exit(2);
  }
  onboardExampleChain(baseUrl, { username, password }, suffix ?? Date.now().toString(36), (line) =>
    process.stdout.write(`${line}\n`),
  ).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
