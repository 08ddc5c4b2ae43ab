import { randomUUID } from 'node:crypto';
import { CaseDriver } from './support/case-driver';
import { MARKERS, plantMarkers, type PlantedCase } from './support/need-to-know-case';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * Issue 12: every operation of the OpenAPI document × every kind of reader, with real ids from a
 * case planted with markers, answers the expected status and carries no marker the reader may not
 * read. An operation missing from EXPECTED fails the test, so a new endpoint needs its row.
 */

/** The readers, by the demo user they sign in as (null: no token). Add a role here, then its column. */
const READERS = {
  anonymous: null,
  /** Caseworker of an organisation with tasks in the case (the municipality). */
  involved: 'gemeente.medewerker',
  /** Caseworker of a partner of the chain without a task in the case. */
  uninvolved: 'zorgverzekeraar.medewerker',
  /** Caseworker of an organisation of another chain only. */
  otherChain: 'wijkteam.medewerker',
  regisseur: 'regisseur',
  operations: 'operations',
  admin: 'admin',
} as const;
type Reader = keyof typeof READERS;
type Row = Record<Reader, number>;

const SIGNED_IN: Reader[] = (Object.keys(READERS) as Reader[]).filter((r) => r !== 'anonymous');
const CASEWORKERS: Reader[] = ['involved', 'uninvolved', 'otherChain'];

/**
 * A row: 401 for anonymous, `status` for the readers named in `allowed`, `denied` (403: the role
 * may not) for every other signed-in reader; `overrides` for single cells.
 */
function only(allowed: Reader[], status: number, overrides: Partial<Row> = {}, denied = 403): Row {
  const row = { anonymous: 401 } as Row;
  for (const reader of SIGNED_IN) row[reader] = allowed.includes(reader) ? status : denied;
  return { ...row, ...overrides };
}
const everyone = (status: number, overrides: Partial<Row> = {}) =>
  only(SIGNED_IN, status, overrides);
const caseworkers = (status: number, overrides: Partial<Row> = {}) =>
  only(CASEWORKERS, status, overrides);
const regie = (status: number, overrides: Partial<Row> = {}) =>
  only(['regisseur', 'operations'], status, overrides);
const regisseur = (status: number) => only(['regisseur'], status);
const admin = (status: number) => only(['admin'], status);
const open = (status: number): Row => ({ ...everyone(status), anonymous: status });

/** Readers who may know the planted case: its involved caseworker and the chain-wide roles. */
const caseReaders = (status: number) => everyone(status, { uninvolved: 404, otherChain: 404 });

/**
 * Expected status per operation (`METHOD /path` as in the OpenAPI document) and reader. Writes
 * are sent with an empty body (or a non-existent target), so an allowed reader gets the
 * validation's 400 or a 404 and nothing changes; what is checked is who gets past the guards.
 */
const EXPECTED: Record<string, Row> = {
  'GET /auth/providers': open(200),
  'POST /auth/login': open(400),
  'GET /auth/me': everyone(200),
  // Enrolment and confirmation authenticate with the password in the body: an empty one is a 400.
  'POST /auth/totp/enrol': open(400),
  'POST /auth/totp/confirm': open(400),
  'POST /auth/logout': everyone(204),
  'GET /admin/organisations': admin(200),
  'POST /admin/organisations': admin(400),
  'PATCH /admin/organisations/{organisationId}': admin(400),
  'POST /admin/organisations/{organisationId}/deactivate': admin(404),
  // People: a chain's admin may manage its chains' people, so every chain role gets past the guard.
  'GET /admin/people': admin(200),
  'POST /admin/people': only(
    ['uninvolved', 'otherChain', 'regisseur', 'operations', 'admin'],
    400,
    {
      involved: 400,
    },
  ),
  'GET /admin/people/{personId}': everyone(400),
  'PATCH /admin/people/{personId}': everyone(400),
  'POST /admin/people/{personId}/deactivate': everyone(400),
  'POST /admin/people/{personId}/grants': everyone(400),
  'DELETE /admin/people/{personId}/grants/{grantId}': everyone(400),
  'GET /admin/scim-clients': admin(200),
  'POST /admin/scim-clients': admin(400),
  'DELETE /admin/scim-clients/{clientId}': admin(400),
  'GET /scim/v2/ServiceProviderConfig': admin(200),
  'GET /scim/v2/ResourceTypes': admin(200),
  'GET /scim/v2/ResourceTypes/{id}': admin(404),
  'GET /scim/v2/Schemas': admin(200),
  'GET /scim/v2/Schemas/{id}': admin(404),
  'GET /scim/v2/Users': admin(200),
  'POST /scim/v2/Users': admin(400),
  'GET /scim/v2/Users/{id}': admin(404),
  'PUT /scim/v2/Users/{id}': admin(404),
  'PATCH /scim/v2/Users/{id}': admin(404),
  'DELETE /scim/v2/Users/{id}': admin(404),
  'GET /notifications/email': everyone(404),
  'PUT /notifications/email': everyone(400),
  'DELETE /notifications/email': everyone(404),
  'GET /organisations/{organisationId}/notification-email': admin(404),
  'PUT /organisations/{organisationId}/notification-email': admin(400),
  'DELETE /organisations/{organisationId}/notification-email': admin(404),
  'POST /organisations/{organisationId}/webhook/rotate-secret': admin(404),
  'POST /tasks/{taskId}/disagree': caseworkers(400),
  'GET /health': open(200),
  'GET /health/ready': open(200),
  'GET /metrics': open(200),
  'GET /audit-log': admin(200),
  'POST /admin/smoke': admin(400),
  'GET /admin/case-flags': admin(200),
  'POST /admin/case-flags/{id}/resolve': admin(400),
  'POST /codec/encode': admin(200),
  'POST /codec/decode': admin(200),

  'GET /cases': everyone(200),
  'POST /cases': only(['involved', 'uninvolved', 'otherChain', 'regisseur'], 400),
  'GET /cases/{caseId}': caseReaders(200),
  'GET /cases/{caseId}/timeline': caseReaders(200),
  'POST /cases/{caseId}/notes': caseworkers(400),
  'POST /cases/{caseId}/cancel': regisseur(400),

  'GET /users/colleagues': caseworkers(200),
  'GET /tasks': caseworkers(200),
  'GET /tasks/{taskId}': caseworkers(200, { uninvolved: 404, otherChain: 404 }),
  'POST /tasks/{taskId}/claim': caseworkers(409, { uninvolved: 404, otherChain: 404 }),
  'POST /tasks/{taskId}/unclaim': caseworkers(409, { uninvolved: 404, otherChain: 404 }),
  'POST /tasks/{taskId}/assign': caseworkers(400),
  'POST /tasks/{taskId}/complete': caseworkers(400),
  'POST /tasks/{taskId}/return': caseworkers(400),

  'GET /notifications': everyone(200),
  'POST /notifications/read-all': everyone(200),
  'POST /notifications/{id}/read': everyone(404),

  'GET /kpis/throughput': regie(200),
  'GET /kpis/work-in-progress': regie(200),
  'GET /kpis/lead-times': regie(200),
  'GET /kpis/within-norm': regie(200),
  'GET /kpis/case-norm': regie(200),
  'GET /kpis/rework': regie(200),
  'GET /kpis/drop-out': regie(200),
  'GET /kpis/escalations': regie(200),
  'GET /kpis/clock-changes': regie(200),
  // A caseworker reads only the scorecard of its own organisation.
  'GET /kpis/scorecards/{partnerId}': regie(200, { involved: 200 }),
  'GET /exports/event-log.xes': regie(200),
  'GET /exports/event-log.ocel.json': regie(200),

  'GET /escalations': regie(200),
  'GET /escalations/{escalationId}': regie(404),
  'POST /escalations/{escalationId}/resolve': regisseur(400),
  'POST /escalations/{escalationId}/escalate': regisseur(400),
  'POST /escalations/{escalationId}/de-escalate': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/reassign': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/extend': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/suspend': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/resume': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/remind': regisseur(400),
  'POST /cases/{caseId}/tasks/{taskKey}/skip': regisseur(400),
  'POST /cases/{caseId}/steps/{stepId}/reopen': regisseur(400),
  'POST /cases/{caseId}/extend': regisseur(400),
  'POST /cases/{caseId}/suspend': regisseur(400),
  'POST /cases/{caseId}/resume': regisseur(400),
  'POST /cases/{caseId}/close': regisseur(400),
  'POST /cases/{caseId}/agreements': regisseur(400),

  'GET /models': everyone(200),
  // Validating a document answers with its problems: 200 even for an empty one.
  'POST /models/validate': admin(200),
  'GET /models/drafts': admin(200),
  'POST /models/drafts': admin(422),
  'GET /models/drafts/{chainId}': admin(404),
  'GET /models/drafts/{chainId}/document': admin(404),
  'PUT /models/drafts/{chainId}': admin(404),
  'DELETE /models/drafts/{chainId}': admin(404),
  'POST /models/drafts/{chainId}/validate': admin(404),
  'POST /models/drafts/{chainId}/publish': admin(404),
  // A caseworker knows only the chains its organisation is a partner of.
  'GET /models/{chainId}/versions': everyone(200, { otherChain: 404 }),
  'GET /models/{chainId}/versions/{version}': everyone(200, { otherChain: 404 }),
  'GET /models/{chainId}/versions/{version}/bpmn': everyone(200, { otherChain: 404 }),
  'GET /models/{chainId}/diff': everyone(400),
  'POST /models/{chainId}/versions/{version}/retire': admin(400),
  // Migrations are the model owner's (the platform admin owns every chain's model); no plan or run
  // of that id exists in the chain, so even they get 404.
  'GET /models/{chainId}/migration-plans': admin(200),
  'POST /models/{chainId}/migration-plans': admin(400),
  'GET /models/{chainId}/migration-plans/{planId}': admin(404),
  'POST /models/{chainId}/migration-plans/{planId}/dry-run': admin(404),
  'POST /models/{chainId}/migration-plans/{planId}/runs': admin(400),
  'GET /models/{chainId}/migration-runs': admin(200),
  'GET /models/{chainId}/migration-runs/{runId}': admin(404),

  // Webhooks and their deliveries are for the platform admin only (no organisation admins yet).
  'GET /organisations/{organisationId}/webhook': admin(404),
  'PUT /organisations/{organisationId}/webhook': admin(400),
  'DELETE /organisations/{organisationId}/webhook': admin(404),
  'GET /webhook-deliveries': admin(200),
  'POST /webhook-deliveries/{id}/retry': admin(404),
};

/** Which markers each reader may meet anywhere (docs/need-to-know.md). */
const MAY_READ: Record<Reader, (keyof typeof MARKERS)[]> = {
  anonymous: [],
  involved: ['personal', 'returnReason', 'sharedNote'],
  uninvolved: [],
  otherChain: [],
  regisseur: ['regisseurReason'],
  operations: [],
  admin: [],
};

interface Operation {
  key: string;
  method: string;
  path: string;
}

describe('authorization matrix: every operation × every reader', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let planted: PlantedCase;
  let operations: Operation[];
  let values: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
    planted = await plantMarkers(stack, 'matrix-proef');
    const document = (await stack.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path })),
    );
    const view = await driver.get('regisseur', `/cases/${planted.caseId}`);
    const outreach = (view.body.tasks as { id: string; stepId: string }[]).find(
      (task) => task.stepId === 'outreach',
    );
    values = {
      caseId: planted.caseId,
      // A closed task of the involved organisation.
      taskId: outreach?.id ?? '',
      taskKey: 'feedback:1',
      stepId: 'outreach',
      chainId: planted.chainId,
      version: '1',
      partnerId: 'gemeente',
      organisationId: 'gemeente',
      escalationId: randomUUID(),
      planId: randomUUID(),
      runId: randomUUID(),
      id: randomUUID(),
    };
  });
  afterAll(() => stack.close());

  it('has an expected row for every operation in the OpenAPI document, and no stale row', () => {
    expect(operations.map((op) => op.key).filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !operations.some((op) => op.key === key))).toEqual(
      [],
    );
  });

  it('answers every operation for every reader with the expected status and no marker it may not read', async () => {
    const tokens = Object.fromEntries(
      await Promise.all(
        SIGNED_IN.map(async (reader) => [reader, await driver.as(READERS[reader] as string)]),
      ),
    ) as Record<Reader, string>;
    const year = new Date().getUTCFullYear();
    const query: Record<string, string> = {
      'GET /exports/event-log.xes': `chainId=${planted.chainId}&from=${year - 1}-01-01&to=${year + 1}-12-31`,
      'GET /exports/event-log.ocel.json': `chainId=${planted.chainId}&from=${year - 1}-01-01&to=${year + 1}-12-31`,
      'GET /cases': `chainId=${planted.chainId}`,
    };
    const actual: Record<string, Row> = {};
    const leaks: string[] = [];
    // Signing out revokes every token of the reader: it goes last.
    const signOutLast = [...operations].sort(
      (a, b) => Number(a.key === 'POST /auth/logout') - Number(b.key === 'POST /auth/logout'),
    );
    for (const operation of signOutLast) {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        // Never retire the planted version: an allowed reader must get 404, nothing else.
        if (name === 'version' && operation.method === 'post') return '99';
        // Never deactivate the planted case's organisation: its caseworkers are readers here.
        if (operation.path.endsWith('/deactivate')) return `unknown-${name}`;
        return encodeURIComponent(values[name] ?? `unknown-${name}`);
      });
      const url = query[operation.key] ? `${path}?${query[operation.key]}` : path;
      const row = {} as Row;
      for (const reader of Object.keys(READERS) as Reader[]) {
        const request = stack.http()[operation.method as 'get'](url);
        if (reader !== 'anonymous') request.set('Authorization', tokens[reader]);
        const response = ['post', 'put', 'patch'].includes(operation.method)
          ? await request.send({})
          : await request;
        row[reader] = response.status;
        const text = response.text ?? '';
        for (const [marker, value] of Object.entries(MARKERS)) {
          if (!MAY_READ[reader].includes(marker as keyof typeof MARKERS) && text.includes(value))
            leaks.push(`${operation.key} as ${reader}: ${marker}`);
        }
        if (reader === 'involved' && /\/(cases|tasks|notifications)/.test(operation.path)) {
          // The confidential step of another partner is never named on a case path.
          if (text.includes('first-conversation'))
            leaks.push(`${operation.key} as involved: confidential step`);
        }
      }
      actual[operation.key] = row;
    }
    expect(leaks).toEqual([]);
    const wrong = Object.keys(actual).filter((key) =>
      (Object.keys(READERS) as Reader[]).some(
        (reader) => actual[key][reader] !== EXPECTED[key]?.[reader],
      ),
    );
    expect(
      Object.fromEntries(
        wrong.map((key) => [key, { expected: EXPECTED[key], actual: actual[key] }]),
      ),
    ).toEqual({});
  });
});
