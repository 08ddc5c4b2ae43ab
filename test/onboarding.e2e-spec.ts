import { randomUUID } from 'node:crypto';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { startTestStack, type TestStack } from './support/test-stack';

const WMO = 'wmo-maatwerk';
const DEBTS = 'vroegsignalering-schuldhulp';
const PASSWORD = 'correct-horse-battery';
const WMO_INTAKE = {
  chainId: WMO,
  category: 'wmo-notification',
  clientQuestion: 'Hulp bij het huishouden.',
  data: {
    'client-name': 'A. Jansen',
    'contact-address': 'Kerkplein 4',
    'support-question': 'Huishoudelijke hulp',
    'notification-date': '2026-11-20',
    'wants-personal-plan': false,
  },
};
const DEBT_INTAKE = {
  chainId: DEBTS,
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand van drie maanden',
  data: {
    'client-name': 'J. de Vries',
    'contact-address': 'Dorpsstraat 1',
    'amount-owed': 1850,
    'days-in-arrears': 64,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
};

describe('onboarding: organisations, people and chain-scoped roles', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let admin: string;
  const suffix = randomUUID().slice(0, 8);
  const name = (base: string) => `${base}.${suffix}`;

  const signIn = async (username: string, password = PASSWORD) => {
    const response = await stack
      .http()
      .post('/auth/login')
      .send({ username, password })
      .expect(200);
    return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
  };
  const createPerson = (username: string, grants: Record<string, string>[], by: string = admin) =>
    stack
      .http()
      .post('/admin/people')
      .set('Authorization', by)
      .send({ username, displayName: username, password: PASSWORD, grants });

  let wmoCase: string;
  let debtCase: string;

  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
    admin = await stack.bearer('admin');
    wmoCase = (
      await driver.open('gemeente.medewerker', {
        ...WMO_INTAKE,
        clientReference: `KP-ONB-${suffix}`,
      })
    ).case.id;
    debtCase = (
      await driver.open('woningcorporatie.medewerker', {
        ...DEBT_INTAKE,
        clientReference: `KP-ONB-D-${suffix}`,
      })
    ).case.id;
  });
  afterAll(() => stack.close());

  describe('a regisseur and an operations analyst of one chain', () => {
    let regisseur: string;
    let operations: string;

    beforeAll(async () => {
      await createPerson(name('regie-wmo'), [{ role: 'regisseur', chainId: WMO }]).expect(201);
      await createPerson(name('ops-wmo'), [{ role: 'operations', chainId: WMO }]).expect(201);
      regisseur = await signIn(name('regie-wmo'));
      operations = await signIn(name('ops-wmo'));
    });

    it('see their own grants', async () => {
      const me = await stack.http().get('/auth/me').set('Authorization', regisseur).expect(200);
      expect(me.body).toMatchObject({
        role: 'regisseur',
        organisationId: null,
        grants: [{ role: 'regisseur', chainId: WMO, organisationId: null }],
      });
    });

    it("list only their chain's cases, escalations and models", async () => {
      const cases = await stack.http().get('/cases?limit=200').set('Authorization', regisseur);
      const chains = new Set((cases.body.items as { chainId: string }[]).map((c) => c.chainId));
      expect([...chains]).toEqual([WMO]);
      expect((cases.body.items as { id: string }[]).map((c) => c.id)).toContain(wmoCase);

      const escalations = await stack
        .http()
        .get(`/escalations?status=open&chainId=${DEBTS}`)
        .set('Authorization', regisseur)
        .expect(200);
      expect(escalations.body.total).toBe(0);

      const models = await stack.http().get('/models').set('Authorization', regisseur).expect(200);
      expect((models.body as { chainId: string }[]).map((m) => m.chainId)).toEqual([WMO]);
    });

    it.each([
      ['GET /cases/:debtCase'],
      ['GET /cases/:debtCase/timeline'],
      ['POST /cases/:debtCase/tasks/any/remind'],
      ['POST /cases/:debtCase/cancel'],
      ['GET /models/:debts/versions'],
      ['GET /models/:debts/versions/1'],
      ['GET /kpis/throughput?chainId=:debts'],
      ['GET /kpis/work-in-progress?chainId=:debts'],
      ['GET /kpis/lead-times?chainId=:debts'],
      ['GET /exports/event-log.xes?chainId=:debts'],
    ])('get 404 for %s of the other chain', async (route) => {
      const [method, template] = route.split(' ');
      const path = template.replace(':debtCase', debtCase).replace(':debts', DEBTS);
      for (const token of [regisseur, operations]) {
        const request =
          method === 'GET'
            ? stack.http().get(path)
            : stack.http().post(path).send({ reason: 'checking the scope' });
        const response = await request.set('Authorization', token);
        // What may be read of the other chain is a 404; acting is not an operations analyst's role at all.
        expect(response.status).toBe(method === 'POST' && token === operations ? 403 : 404);
      }
    });

    it('cannot open a case in another chain, but can in their own', async () => {
      const refused = await stack
        .http()
        .post('/cases')
        .set('Authorization', regisseur)
        .send({ ...DEBT_INTAKE, clientReference: `KP-ONB-X-${suffix}` });
      expect(refused.status).toBe(404);
      await stack
        .http()
        .post('/cases')
        .set('Authorization', regisseur)
        .send({ ...WMO_INTAKE, clientReference: `KP-ONB-Y-${suffix}` })
        .expect(201);
    });

    it('see work in progress of their chain only', async () => {
      const wip = await stack
        .http()
        .get('/kpis/work-in-progress')
        .set('Authorization', operations)
        .expect(200);
      const chains = new Set((wip.body.rows as { chainId: string }[]).map((row) => row.chainId));
      expect([...chains].filter((chain) => chain !== WMO)).toEqual([]);
    });

    it('are refused at once after signing out', async () => {
      const token = await signIn(name('ops-wmo'));
      await stack.http().post('/auth/logout').set('Authorization', token).expect(204);
      const response = await stack.http().get('/auth/me').set('Authorization', token).expect(401);
      expect(response.body.message).toBe('This token has been revoked; sign in again');
    });
  });

  describe('a chain admin', () => {
    let chainAdmin: string;
    let personId: string;

    beforeAll(async () => {
      await createPerson(name('beheer-wmo'), [{ role: 'admin', chainId: WMO }]).expect(201);
      chainAdmin = await signIn(name('beheer-wmo'));
      const empty = await createPerson(name('leeg'), [], chainAdmin).expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'grants' })]);
      const created = await createPerson(
        name('nieuw'),
        [{ role: 'operations', chainId: WMO }],
        chainAdmin,
      ).expect(201);
      personId = created.body.id;
    });

    it('grants chain roles only for the chains they administer', async () => {
      const refused = await stack
        .http()
        .post(`/admin/people/${personId}/grants`)
        .set('Authorization', chainAdmin)
        .send({ role: 'regisseur', chainId: DEBTS })
        .expect(403);
      expect(refused.body.message).toMatch(new RegExp(`You administer ${WMO}`));
      const everyChain = await stack
        .http()
        .post(`/admin/people/${personId}/grants`)
        .set('Authorization', chainAdmin)
        .send({ role: 'regisseur' });
      expect(everyChain.status).toBe(403);
      const granted = await stack
        .http()
        .post(`/admin/people/${personId}/grants`)
        .set('Authorization', chainAdmin)
        .send({ role: 'model-owner', chainId: WMO })
        .expect(201);
      const grant = (granted.body.grants as { id: string; role: string }[]).find(
        (candidate) => candidate.role === 'model-owner',
      );
      expect(grant).toMatchObject({ role: 'model-owner', chainId: WMO });
      const revoked = await stack
        .http()
        .delete(`/admin/people/${personId}/grants/${grant?.id}`)
        .set('Authorization', chainAdmin)
        .expect(200);
      expect(revoked.body.grants).toEqual([
        expect.objectContaining({ role: 'operations', chainId: WMO }),
      ]);
    });

    it("sees the partners of their chain, not the platform's organisations", async () => {
      const response = await stack
        .http()
        .get('/admin/organisations?limit=200')
        .set('Authorization', chainAdmin)
        .expect(200);
      const ids = (response.body.items as { id: string }[]).map((o) => o.id);
      expect(ids).toContain('wijkteam');
      expect(ids).not.toContain('kredietbank');
      await stack
        .http()
        .post('/admin/organisations')
        .set('Authorization', chainAdmin)
        .send({ id: `org-${suffix}`, name: 'x' })
        .expect(403);
    });

    it('is refused by a caseworker', async () => {
      const response = await stack
        .http()
        .get('/admin/people')
        .set('Authorization', await stack.bearer('gemeente.medewerker'))
        .expect(403);
      expect(response.body.message).toMatch(/needs the role admin/);
    });
  });

  describe('organisations', () => {
    it('have one name, which the platform admin sets', async () => {
      const id = `org-${suffix}`;
      await stack
        .http()
        .post('/admin/organisations')
        .set('Authorization', admin)
        .send({ id, name: 'Stichting Voorbeeld' })
        .expect(201);
      await stack
        .http()
        .post('/admin/organisations')
        .set('Authorization', admin)
        .send({ id, name: 'Again' })
        .expect(409);
      const renamed = await stack
        .http()
        .patch(`/admin/organisations/${id}`)
        .set('Authorization', admin)
        .send({ name: 'Stichting Voorbeeld Midden' })
        .expect(200);
      expect(renamed.body).toMatchObject({ id, name: 'Stichting Voorbeeld Midden', active: true });
    });

    it('name the field of a malformed request with 400', async () => {
      const response = await stack
        .http()
        .post('/admin/people')
        .set('Authorization', admin)
        .send({
          username: name('bad'),
          displayName: 'x',
          password: 'short',
          grants: [{ role: 'caseworker' }],
        })
        .expect(400);
      expect(JSON.stringify(response.body.errors)).toContain('password');
      const grant = await createPerson(name('bad2'), [{ role: 'caseworker' }]).expect(400);
      expect(grant.body.errors).toEqual([
        expect.objectContaining({ field: 'grants[0].organisationId' }),
      ]);
    });
  });

  describe('deactivating a caseworker', () => {
    it('ends their session and puts their claimed task back in the pool', async () => {
      const username = name('cw-gemeente');
      const created = await createPerson(username, [
        { role: 'caseworker', organisationId: 'gemeente' },
      ]).expect(201);
      const token = await signIn(username);
      const task = await eventually(async () => {
        const inbox = await stack
          .http()
          .get('/tasks?view=unassigned&limit=200')
          .set('Authorization', token)
          .expect(200);
        const found = (inbox.body.items as { id: string; caseId: string }[]).find(
          (item) => item.caseId === wmoCase,
        );
        if (!found) throw new Error('the assessment task is not in the inbox yet');
        return found;
      });
      await stack.http().post(`/tasks/${task.id}/claim`).set('Authorization', token).expect(200);

      const deactivated = await stack
        .http()
        .post(`/admin/people/${created.body.id}/deactivate`)
        .set('Authorization', admin)
        .expect(200);
      expect(deactivated.body).toEqual({ releasedTasks: 1 });

      const refused = await stack.http().get('/auth/me').set('Authorization', token).expect(401);
      expect(refused.body.message).toBe('This account has been deactivated');
      await stack.http().post('/auth/login').send({ username, password: PASSWORD }).expect(401);

      const colleague = await driver.as('gemeente.medewerker');
      await eventually(async () => {
        const inbox = await stack
          .http()
          .get('/tasks?view=unassigned&limit=200')
          .set('Authorization', colleague)
          .expect(200);
        const found = (inbox.body.items as { id: string; assigneeId: string | null }[]).find(
          (item) => item.id === task.id,
        );
        expect(found).toMatchObject({ assigneeId: null });
      });
      const timeline = await stack
        .http()
        .get(`/cases/${wmoCase}/timeline`)
        .set('Authorization', colleague)
        .expect(200);
      const unclaimed = (timeline.body as { type: string }[]).filter(
        (entry) => entry.type === 'task.unclaimed',
      );
      // The platform released it, not the person: the timeline names the deactivation and who did it.
      expect(unclaimed).toEqual([
        expect.objectContaining({
          actorId: null,
          actorRole: null,
          details: {
            assigneeId: null,
            systemActor: `Schakel (deactivation of ${username} by Modeleigenaar (beheerder))`,
          },
        }),
      ]);
    });
  });
});
