import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './support/test-environment';
import { startTestStack, type TestStack } from './support/test-stack';

const wmoSource = readFileSync(join(REPOSITORY_ROOT, 'models/wmo-maatwerk.yaml'), 'utf8');

/** The Wmo example under another chain id, so these tests own its lifecycle. */
function testChain(chainId: string, edit: (source: string) => string = (s) => s): string {
  return edit(wmoSource.replace(/^ {2}id: wmo-maatwerk$/m, `  id: ${chainId}`));
}

describe('reference models', () => {
  let stack: TestStack;
  let admin: string;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.bearer('admin');
  });
  afterAll(() => stack.close());

  const postDraft = (source: string, contentType = 'application/yaml') =>
    stack
      .http()
      .post('/models/drafts')
      .set('Authorization', admin)
      .set('Content-Type', contentType)
      .send(source);

  it('publishes the three example chains as version 1 through the seed', async () => {
    const response = await stack.http().get('/models').set('Authorization', admin).expect(200);
    const chains = response.body as { chainId: string; currentVersion: number }[];
    // Other test files publish chains of their own into the same database.
    const examples = [
      'huiselijk-geweld-jeugdbescherming',
      'vroegsignalering-schuldhulp',
      'wmo-maatwerk',
    ];
    expect(
      chains.filter((c) => examples.includes(c.chainId)).map((c) => [c.chainId, c.currentVersion]),
    ).toEqual([
      ['huiselijk-geweld-jeugdbescherming', 1],
      ['vroegsignalering-schuldhulp', 1],
      ['wmo-maatwerk', 1],
    ]);
  });

  it('shows a caseworker only the chains their organisation takes part in, and 404 for others', async () => {
    const caseworker = await stack.bearer('veilig-thuis.medewerker');
    const response = await stack.http().get('/models').set('Authorization', caseworker).expect(200);
    expect(response.body.map((c: { chainId: string }) => c.chainId)).toEqual([
      'huiselijk-geweld-jeugdbescherming',
    ]);
    await stack
      .http()
      .get('/models/wmo-maatwerk/versions/1')
      .set('Authorization', caseworker)
      .expect(404);
    await stack.http().post('/models/drafts').set('Authorization', caseworker).send({}).expect(403);
  });

  it('serves a version as JSON or YAML by Accept, losslessly', async () => {
    const json = await stack
      .http()
      .get('/models/wmo-maatwerk/versions/1')
      .set('Authorization', admin)
      .expect(200);
    expect(json.type).toBe('application/json');
    const yaml = await stack
      .http()
      .get('/models/wmo-maatwerk/versions/1')
      .set('Authorization', admin)
      .set('Accept', 'application/yaml')
      .expect(200);
    expect(yaml.type).toBe('application/yaml');
    expect(parse(yaml.text)).toEqual(JSON.parse(json.text));
    expect(yaml.text).toBe(wmoSource);
  });

  it('exports BPMN 2.0 XML with diagram interchange', async () => {
    const response = await stack
      .http()
      .get('/models/vroegsignalering-schuldhulp/versions/1/bpmn')
      .set('Authorization', admin)
      .expect(200);
    expect(response.type).toBe('application/xml');
    expect(response.text).toContain('<bpmn:collaboration');
    expect(response.text).toContain('<bpmndi:BPMNDiagram');
  });

  it('takes a draft through validate, publish, a second version, diff and retire', async () => {
    const created = await postDraft(testChain('test-lifecycle')).expect(201);
    expect(created.body).toMatchObject({
      chainId: 'test-lifecycle',
      valid: true,
      problems: [],
      basedOnVersion: null,
    });
    await postDraft(testChain('test-lifecycle')).expect(409);

    const report = await stack
      .http()
      .post('/models/drafts/test-lifecycle/validate')
      .set('Authorization', admin)
      .expect(200);
    expect(report.body).toEqual({ valid: true, problems: [] });
    const v1 = await stack
      .http()
      .post('/models/drafts/test-lifecycle/publish')
      .set('Authorization', admin)
      .expect(201);
    expect(v1.body).toMatchObject({ chainId: 'test-lifecycle', version: 1, status: 'published' });
    await stack.http().get('/models/drafts/test-lifecycle').set('Authorization', admin).expect(404);

    const longerDecision = testChain('test-lifecycle', (s) =>
      s.replace(/name: Persoonlijk plan/, 'name: Persoonlijk plan (herzien)'),
    );
    await postDraft(longerDecision).expect(201);
    const v2 = await stack
      .http()
      .post('/models/drafts/test-lifecycle/publish')
      .set('Authorization', admin)
      .expect(201);
    expect(v2.body.version).toBe(2);

    const diff = await stack
      .http()
      .get('/models/test-lifecycle/diff?from=1&to=2')
      .set('Authorization', admin)
      .expect(200);
    expect(diff.body.steps.changed).toEqual([
      {
        key: 'personal-plan',
        properties: ['name'],
        changes: [
          { property: 'name', before: 'Persoonlijk plan', after: 'Persoonlijk plan (herzien)' },
        ],
      },
    ]);

    await stack
      .http()
      .post('/models/test-lifecycle/versions/1/retire')
      .set('Authorization', admin)
      .send({ reason: 'Vervangen door versie 2' })
      .expect(200);
    const again = await stack
      .http()
      .post('/models/test-lifecycle/versions/1/retire')
      .set('Authorization', admin)
      .send({ reason: 'Nogmaals' })
      .expect(409);
    expect(again.body.message).toBe("Version 1 of 'test-lifecycle' is already retired");
    const versions = await stack
      .http()
      .get('/models/test-lifecycle/versions')
      .set('Authorization', admin)
      .expect(200);
    expect(
      versions.body.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
  });

  it('keeps a draft with semantic problems but refuses to publish it', async () => {
    const broken = testChain('test-broken', (s) =>
      s.replace('partner: clientondersteuning', 'partner: onbekende-partner'),
    );
    const created = await postDraft(broken).expect(201);
    expect(created.body.valid).toBe(false);
    const refused = await stack
      .http()
      .post('/models/drafts/test-broken/publish')
      .set('Authorization', admin)
      .expect(422);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown-partner', line: expect.any(Number) }),
      ]),
    );
    await stack.http().get('/models/test-broken/versions').set('Authorization', admin).expect(404);
  });

  it('refuses unreadable and malformed documents with located errors, storing nothing', async () => {
    const listDrafts = async () =>
      (await stack.http().get('/models/drafts').set('Authorization', admin).expect(200)).body;
    const before = await listDrafts();
    const syntax = await postDraft('schemaVersion: 1\nchain: [unclosed\n').expect(400);
    expect(syntax.body.errors[0]).toMatchObject({ code: 'syntax-error', line: expect.any(Number) });

    const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n${wmoSource}`;
    // The raw bytes are checked before anything is parsed: 413 naming the limit.
    const tooLarge = await postDraft(huge).expect(413);
    expect(tooLarge.body.message).toContain('1048576 bytes');

    const wrongTypes = await postDraft(
      JSON.stringify({ schemaVersion: 1, chain: { id: 42 } }),
      'application/json',
    ).expect(422);
    expect(wrongTypes.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/chain/id' })]),
    );

    expect(await listDrafts()).toEqual(before);
  });

  it('names the parameter that is not a version number', async () => {
    const response = await stack
      .http()
      .get('/models/wmo-maatwerk/versions/latest')
      .set('Authorization', admin)
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'version', reason: "must be a whole number from 1 to 2147483647 (got 'latest')" },
    ]);
  });
});
