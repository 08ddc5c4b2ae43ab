import { minimalModel, modelWith, parallelModel, step } from '../../test/model-builder';
import { ReferenceModel } from '../model/reference-model.types';
import { ModelProblem, PROBLEM_CODES, ProblemCode } from './model-problem';
import { validateModel } from './validate-model';

const withField = (m: ReferenceModel, id: string) =>
  m.fields.push({ id, label: id, type: 'boolean' });

/** Step b is due 10 working days before a release date the intake collects and b may see. */
const anchoredModel = (change: (m: ReferenceModel) => void = () => undefined) =>
  modelWith((m) => {
    m.fields.push({ id: 'release-date', label: 'Datum detentie-einde', type: 'date' });
    m.intake.form.push({ field: 'release-date', required: false });
    m.steps[1].sees.push('release-date');
    m.steps[1].norm = {
      target: { amount: 10, unit: 'workingDays' },
      escalation: { amount: 5, unit: 'workingDays' },
      anchor: { field: 'release-date', direction: 'before' },
    };
    change(m);
  });

/** One model per problem code, each broken in exactly that way. */
const broken: Record<
  Exclude<ProblemCode, 'too-large' | 'syntax-error'>,
  [ReferenceModel | unknown, string]
> = {
  'unsupported-schema-version': [{ ...minimalModel(), schemaVersion: 2 }, '/schemaVersion'],
  'missing-property': [
    modelWith((m) => delete (m.steps[0] as Partial<(typeof m.steps)[0]>).partner),
    '/steps/0/partner',
  ],
  'unknown-property': [
    modelWith((m) => Object.assign(m.steps[0], { partnr: 'p1' })),
    '/steps/0/partnr',
  ],
  'invalid-value': [modelWith((m) => (m.steps[0].id = 'Step A')), '/steps/0/id'],
  'duplicate-id': [modelWith((m) => (m.steps[1].id = 'a')), '/steps/1'],
  'unknown-partner': [modelWith((m) => (m.steps[0].partner = 'nobody')), '/steps/0/partner'],
  'unknown-role': [modelWith((m) => (m.steps[0].role = 'judge')), '/steps/0/role'],
  'unknown-field': [modelWith((m) => m.steps[0].sees.push('bsn')), '/steps/0/sees/0'],
  'unknown-step': [
    modelWith(
      (m) =>
        (m.steps[1].norm = {
          startsAt: 'stepCompleted',
          afterStep: 'x',
          target: { amount: 1, unit: 'hours' },
        }),
    ),
    '/steps/1/norm/afterStep',
  ],
  'unknown-source': [
    modelWith((m) => m.routes.push({ from: 'nowhere', to: 'b' })),
    '/routes/3/from',
  ],
  'unknown-target': [modelWith((m) => (m.routes[1].to = 'ghost')), '/routes/1/to'],
  'unknown-outcome': [modelWith((m) => (m.routes[1].on = 'approved')), '/routes/1/on'],
  'unknown-category': [
    modelWith((m) => {
      m.routes.splice(1, 0, { from: 'a', when: "intake.category == 'urgent'", to: 'done' });
    }),
    '/routes/1/when',
  ],
  'invalid-expression': [modelWith((m) => (m.routes[1].when = 'data.note = 1')), '/routes/1/when'],
  'no-start-route': [modelWith((m) => m.routes.shift()), '/routes'],
  'unreachable-step': [modelWith((m) => m.steps.push(step('island'))), '/steps/2'],
  'no-path-to-end': [
    modelWith((m) => {
      m.steps.push(step('trap'));
      m.steps[0].outcomes.push({ id: 'stuck', label: 'Stuck' });
      m.routes.splice(
        1,
        0,
        { from: 'a', on: 'stuck', to: 'trap' },
        { from: 'trap', to: 'trap', rework: { maxIterations: 2 } },
      );
    }),
    '/steps/2',
  ],
  'outcome-without-route': [
    modelWith((m) => {
      m.steps[0].outcomes.push({ id: 'lost', label: 'Lost' });
      m.routes[1].on = 'done';
    }),
    '/steps/0/outcomes/1',
  ],
  'no-default-route': [
    modelWith((m) => (m.routes[1].when = "data.note == 'x'")),
    '/steps/0/outcomes/0',
  ],
  'unbounded-rework': [
    modelWith((m) => {
      m.steps[1].outcomes.push({ id: 'again', label: 'Again' });
      m.routes.splice(2, 0, { from: 'b', on: 'again', to: 'a' });
    }),
    '/routes/2',
  ],
  'join-without-split': [
    parallelModel((m) => (m.gateways = [m.gateways![1], { id: 'split', type: 'exclusive' }])),
    '/gateways/0',
  ],
  'split-without-join': [parallelModel((m) => delete m.gateways![0].join), '/gateways/0/join'],
  'conditional-parallel-branch': [
    parallelModel((m) => (m.routes[1].rework = { maxIterations: 1 })),
    '/routes/1',
  ],
  'invalid-gateway-routes': [
    parallelModel((m) => m.routes.push({ from: 'join', to: 'done' })),
    '/gateways/1',
  ],
  'escalation-before-target': [
    modelWith(
      (m) =>
        (m.steps[0].norm = {
          target: { amount: 5, unit: 'workingDays' },
          escalation: { amount: 3, unit: 'calendarDays' },
        }),
    ),
    '/steps/0/norm/escalation',
  ],
  'escalation-ladder-order': [
    modelWith((m) => m.escalation.ladder.push({ ...m.escalation.ladder[0] })),
    '/escalation/ladder/1/level',
  ],
  'field-never-collected': [
    modelWith((m) => {
      withField(m, 'urgent');
      m.routes.splice(1, 0, { from: 'a', when: 'data.urgent == true', to: 'done' });
    }),
    '/routes/1/when',
  ],
  'not-a-date-field': [
    anchoredModel((m) => (m.steps[1].norm!.anchor!.field = 'note')),
    '/steps/1/norm/anchor/field',
  ],
  'personal-date-anchor': [
    anchoredModel((m) => (m.fields[1].personal = true)),
    '/steps/1/norm/anchor/field',
  ],
  'date-not-visible': [anchoredModel((m) => (m.steps[1].sees = [])), '/steps/1/norm/anchor/field'],
  'handover-not-visible': [
    modelWith((m) => {
      m.steps[0].form.push({ field: 'note', required: true });
      m.steps[0].handsOver.push('note');
    }),
    '/steps/0/handsOver/0',
  ],
};

describe('validateModel', () => {
  it('accepts the minimal model and a parallel one', () => {
    expect(validateModel(minimalModel())).toEqual([]);
    expect(validateModel(parallelModel())).toEqual([]);
  });

  it('has a failing model for every code except the two that only parsing reports', () => {
    const covered = new Set([...Object.keys(broken), 'too-large', 'syntax-error']);
    expect(PROBLEM_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(Object.entries(broken))('reports %s at its path', (code, [model, path]) => {
    const problems = validateModel(model);
    expect(problems).toContainEqual(expect.objectContaining({ code, path }));
    const found = problems.find((p) => p.code === code) as ModelProblem;
    expect(found.message.length).toBeGreaterThan(10);
  });

  it('reports all problems at once', () => {
    const model = modelWith((m) => {
      m.steps[0].partner = 'nobody';
      m.steps[1].sees.push('bsn');
      m.routes[2].to = 'ghost';
    });
    expect(validateModel(model).map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'unknown-partner',
        'unknown-field',
        'unknown-target',
        'no-path-to-end',
      ]),
    );
  });

  it('reports every structural problem at once, with readable messages', () => {
    const problems = validateModel({
      schemaVersion: 1,
      chain: { id: 'x', name: 3 },
      partners: 'none',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'missing-property', path: '/chain/purpose' }),
        expect.objectContaining({
          code: 'invalid-value',
          path: '/chain/name',
          message: 'must be string, got 3',
        }),
        expect.objectContaining({ code: 'invalid-value', path: '/partners' }),
        expect.objectContaining({ code: 'missing-property', path: '/steps' }),
      ]),
    );
  });

  it('requires an exit reason on drop-out ends and values on enum fields only', () => {
    const model = modelWith((m) => {
      m.ends[0].result = 'droppedOut';
      m.fields.push(
        { id: 'kind', label: 'Kind', type: 'enum' },
        { id: 'n', label: 'N', type: 'number', values: ['1'] },
      );
    });
    expect(validateModel(model)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'missing-property', path: '/ends/0/exitReason' }),
        expect.objectContaining({ code: 'missing-property', path: '/fields/1/values' }),
        expect.objectContaining({ code: 'invalid-value', path: '/fields/2/values' }),
      ]),
    );
  });

  it('applies intensity overrides before comparing escalation with target', () => {
    const model = modelWith((m) => {
      m.steps[0].norm = {
        target: { amount: 2, unit: 'workingDays' },
        escalation: { amount: 3, unit: 'workingDays' },
        byIntensity: { integrate: { target: { amount: 5, unit: 'workingDays' } } },
      };
    });
    expect(validateModel(model)).toEqual([
      expect.objectContaining({
        code: 'escalation-before-target',
        path: '/steps/0/norm/byIntensity/integrate/target',
      }),
    ]);
  });

  it('accepts a bounded loop with a fallback route', () => {
    const model = modelWith((m) => {
      m.steps[1].outcomes.push({ id: 'again', label: 'Again' });
      m.routes.splice(
        2,
        0,
        { from: 'b', on: 'again', to: 'a', rework: { maxIterations: 2 } },
        { from: 'b', on: 'again', to: 'done' },
      );
    });
    expect(validateModel(model)).toEqual([]);
  });

  it('accepts a confidential step with return-reason categories, and refuses a repeated category', () => {
    const categories = [
      { id: 'incomplete-information', label: 'Informatie onvolledig' },
      { id: 'wrong-partner', label: 'Verkeerde partner' },
    ];
    const model = modelWith((m) =>
      Object.assign(m.steps[1], { confidential: true, returnReasons: categories }),
    );
    expect(validateModel(model)).toEqual([]);
    const repeated = modelWith((m) =>
      Object.assign(m.steps[1], { returnReasons: [...categories, categories[0]] }),
    );
    expect(validateModel(repeated)).toEqual([
      expect.objectContaining({ code: 'duplicate-id', path: '/steps/1/returnReasons/2' }),
    ]);
    const wrongType = modelWith((m) => Object.assign(m.steps[1], { confidential: 'yes' }));
    expect(validateModel(wrongType)).toEqual([
      expect.objectContaining({ path: '/steps/1/confidential' }),
    ]);
  });

  it('accepts enum values plain or labelled, refuses a repeated value and counts weeks as 7 days', () => {
    /** An enum field with `values` and a 2-week target escalating after `days` calendar days. */
    const withKind = (values: unknown[], days: number) =>
      modelWith((m) => {
        m.fields.push({ id: 'kind', label: 'Soort', type: 'enum', values: values as never });
        m.steps[0].norm = {
          target: { amount: 2, unit: 'weeks' },
          escalation: { amount: days, unit: 'calendarDays' },
        };
      });
    expect(validateModel(withKind(['plain', { id: 'housing', label: 'Wonen' }], 14))).toEqual([]);
    expect(validateModel(withKind([{ id: 'x' }], 14))).toContainEqual(
      expect.objectContaining({ code: 'missing-property', path: '/fields/1/values/0/label' }),
    );
    expect(validateModel(withKind(['a', { id: 'a', label: 'A' }], 13))).toEqual([
      expect.objectContaining({ code: 'duplicate-id', path: '/fields/1/values/1' }),
      expect.objectContaining({ code: 'escalation-before-target' }),
    ]);
  });

  describe('norms anchored to a date', () => {
    it('accept a date field the step may see, counted back with the escalation closer to the date', () => {
      expect(validateModel(anchoredModel())).toEqual([]);
      const late = anchoredModel(
        (m) => (m.steps[1].norm!.escalation = { amount: 12, unit: 'workingDays' }),
      );
      expect(validateModel(late)).toEqual([
        expect.objectContaining({
          code: 'escalation-before-target',
          path: '/steps/1/norm/escalation',
          message: expect.stringContaining("12 workingDays before 'release-date'"),
        }),
      ]);
    });

    it('report an unknown, never collected or doubly started anchor, also in an intensity override', () => {
      const problems = validateModel(
        anchoredModel((m) => {
          m.intake.form = [];
          m.steps[1].norm!.startsAt = 'taskOpened';
          m.steps[0].norm = {
            target: { amount: 2, unit: 'workingDays' },
            byIntensity: { integrate: { anchor: { field: 'release', direction: 'after' } } },
          };
        }),
      );
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'unknown-field',
          path: '/steps/0/norm/byIntensity/integrate/anchor/field',
        }),
        expect.objectContaining({ code: 'invalid-value', path: '/steps/1/norm/startsAt' }),
        expect.objectContaining({
          code: 'field-never-collected',
          path: '/steps/1/norm/anchor/field',
        }),
      ]);
    });

    it('refuse an anchor without a direction', () => {
      const model = anchoredModel(
        (m) => delete (m.steps[1].norm!.anchor as { direction?: string }).direction,
      );
      expect(validateModel(model)).toEqual([
        expect.objectContaining({
          code: 'missing-property',
          path: '/steps/1/norm/anchor/direction',
        }),
      ]);
    });
  });

  it('lets the case norm start at the intake or a date only, without a claim term', () => {
    const caseNorm = (norm: ReferenceModel['caseNorm']) => modelWith((m) => (m.caseNorm = norm));
    expect(
      validateModel(caseNorm({ target: { amount: 8, unit: 'weeks' }, startsAt: 'caseOpened' })),
    ).toEqual([]);
    expect(
      validateModel(
        anchoredModel(
          (m) =>
            (m.caseNorm = {
              target: { amount: 4, unit: 'weeks' },
              anchor: { field: 'release-date', direction: 'after' },
            }),
        ),
      ),
    ).toEqual([]);
    expect(
      validateModel(
        caseNorm({
          target: { amount: 8, unit: 'weeks' },
          startsAt: 'taskOpened',
          byIntensity: { integrate: { claim: { amount: 1, unit: 'workingDays' } } },
        }),
      ),
    ).toEqual([
      expect.objectContaining({ code: 'invalid-value', path: '/caseNorm/startsAt' }),
      expect.objectContaining({
        code: 'invalid-value',
        path: '/caseNorm/byIntensity/integrate/claim',
      }),
    ]);
  });
});
