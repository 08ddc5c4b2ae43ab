/**
 * JSON Schema (draft 2020-12) of reference model format version 1: the structural half of
 * validation. Cross-references and flow rules are checked by `validateModel`. Published as
 * docs/reference-model.schema.json (a test keeps the two equal).
 */
const id = { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 80 };
const text = { type: 'string', minLength: 1, maxLength: 10000 };
const idList = { type: 'array', items: { $ref: '#/$defs/id' }, uniqueItems: true };
/** `x-` keys are free for tooling; any other unknown key is a typo worth reporting. */
const extensions = { '^x-': true };

function object(
  properties: Record<string, unknown>,
  required: string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'object',
    properties,
    required,
    patternProperties: extensions,
    additionalProperties: false,
    ...extra,
  };
}

const normTerms = {
  claim: { $ref: '#/$defs/duration' },
  target: { $ref: '#/$defs/duration' },
  escalation: { $ref: '#/$defs/duration' },
  atw: { type: 'boolean' },
  startsAt: { enum: ['taskOpened', 'taskClaimed', 'caseOpened', 'stepCompleted'] },
  afterStep: { $ref: '#/$defs/id' },
  anchor: { $ref: '#/$defs/anchor' },
  suspendable: { type: 'boolean' },
  extendable: { type: 'boolean' },
  maxExtension: { $ref: '#/$defs/duration' },
  targetShare: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
};
const afterStepWhenStepCompleted = {
  if: { properties: { startsAt: { const: 'stepCompleted' } }, required: ['startsAt'] },
  then: { required: ['afterStep'] },
};

export const REFERENCE_MODEL_SCHEMA: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schakel.dev/schemas/reference-model/v1.json',
  title: 'Schakel collaboration reference model, format version 1',
  ...object(
    {
      schemaVersion: { const: 1 },
      chain: { $ref: '#/$defs/chain' },
      partners: { type: 'array', minItems: 1, items: { $ref: '#/$defs/partner' } },
      fields: { type: 'array', items: { $ref: '#/$defs/field' } },
      intake: { $ref: '#/$defs/intake' },
      steps: { type: 'array', minItems: 1, items: { $ref: '#/$defs/step' } },
      gateways: { type: 'array', items: { $ref: '#/$defs/gateway' } },
      routes: { type: 'array', minItems: 1, items: { $ref: '#/$defs/route' } },
      ends: { type: 'array', minItems: 1, items: { $ref: '#/$defs/end' } },
      caseNorm: { $ref: '#/$defs/norm' },
      escalation: { $ref: '#/$defs/escalation' },
    },
    [
      'schemaVersion',
      'chain',
      'partners',
      'fields',
      'intake',
      'steps',
      'routes',
      'ends',
      'escalation',
    ],
  ),
  $defs: {
    id,
    // `start` is the reserved id of the start event.
    nodeId: { allOf: [{ $ref: '#/$defs/id' }, { not: { const: 'start' } }] },
    text,
    duration: object(
      {
        amount: { type: 'integer', minimum: 0, maximum: 100000 },
        unit: { enum: ['workingDays', 'calendarDays', 'weeks', 'hours'] },
      },
      ['amount', 'unit'],
    ),
    chain: object(
      {
        id: { $ref: '#/$defs/id' },
        name: text,
        purpose: text,
        legalBasis: { type: 'array', items: text },
      },
      ['id', 'name', 'purpose'],
    ),
    partner: object({ id: { $ref: '#/$defs/id' }, name: text, roles: { ...idList, minItems: 1 } }, [
      'id',
      'name',
      'roles',
    ]),
    field: object(
      {
        id: { $ref: '#/$defs/id' },
        label: text,
        type: { enum: ['string', 'number', 'boolean', 'date', 'enum'] },
        values: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { anyOf: [text, object({ id: text, label: text }, ['id', 'label'])] },
        },
        personal: { type: 'boolean' },
        description: text,
      },
      ['id', 'label', 'type'],
      {
        if: { properties: { type: { const: 'enum' } }, required: ['type'] },
        then: { required: ['values'] },
        else: { not: { required: ['values'] } },
      },
    ),
    formField: object({ field: { $ref: '#/$defs/id' }, required: { type: 'boolean' } }, [
      'field',
      'required',
    ]),
    intake: object(
      {
        categories: {
          type: 'array',
          minItems: 1,
          items: object(
            {
              id: { $ref: '#/$defs/id' },
              name: text,
              intensity: { $ref: '#/$defs/intensity' },
              description: text,
            },
            ['id', 'name', 'intensity'],
          ),
        },
        form: { type: 'array', items: { $ref: '#/$defs/formField' } },
      },
      ['categories', 'form'],
    ),
    intensity: { enum: ['align', 'coordinate', 'integrate'] },
    choice: object({ id: { $ref: '#/$defs/id' }, label: text }, ['id', 'label']),
    step: object(
      {
        id: { $ref: '#/$defs/nodeId' },
        name: text,
        partner: { $ref: '#/$defs/id' },
        role: { $ref: '#/$defs/id' },
        alternativePartners: idList,
        contributors: {
          type: 'array',
          minItems: 1,
          items: object(
            {
              partner: { $ref: '#/$defs/id' },
              role: { $ref: '#/$defs/id' },
              instructions: text,
              form: { type: 'array', items: { $ref: '#/$defs/formField' } },
            },
            ['partner'],
          ),
        },
        instructions: text,
        outcomes: { type: 'array', minItems: 1, items: { $ref: '#/$defs/choice' } },
        onSkip: { $ref: '#/$defs/id' },
        form: { type: 'array', items: { $ref: '#/$defs/formField' } },
        sees: idList,
        handsOver: idList,
        maxReturns: { type: 'integer', minimum: 0, maximum: 100 },
        returnReasons: { type: 'array', minItems: 1, items: { $ref: '#/$defs/choice' } },
        confidential: { type: 'boolean' },
        norm: { $ref: '#/$defs/norm' },
      },
      ['id', 'name', 'partner', 'instructions', 'outcomes', 'form', 'sees', 'handsOver'],
    ),
    anchor: object({ field: { $ref: '#/$defs/id' }, direction: { enum: ['before', 'after'] } }, [
      'field',
      'direction',
    ]),
    normTerms: object(normTerms, [], afterStepWhenStepCompleted),
    norm: object(
      {
        ...normTerms,
        byIntensity: object(
          {
            align: { $ref: '#/$defs/normTerms' },
            coordinate: { $ref: '#/$defs/normTerms' },
            integrate: { $ref: '#/$defs/normTerms' },
          },
          [],
        ),
      },
      [],
      afterStepWhenStepCompleted,
    ),
    gateway: object(
      {
        id: { $ref: '#/$defs/nodeId' },
        type: { enum: ['parallelSplit', 'parallelJoin', 'exclusive'] },
        name: text,
        join: { $ref: '#/$defs/id' },
      },
      ['id', 'type'],
    ),
    route: object(
      {
        id: { $ref: '#/$defs/id' },
        from: { $ref: '#/$defs/id' },
        to: { $ref: '#/$defs/nodeId' },
        on: { $ref: '#/$defs/id' },
        when: text,
        rework: object(
          {
            maxIterations: { type: 'integer', minimum: 1, maximum: 1000 },
            branches: { ...idList, minItems: 1 },
          },
          ['maxIterations'],
        ),
      },
      ['from', 'to'],
    ),
    end: object(
      {
        id: { $ref: '#/$defs/nodeId' },
        name: text,
        result: { enum: ['solved', 'referred', 'droppedOut', 'closed'] },
        exitReason: { $ref: '#/$defs/id' },
      },
      ['id', 'name', 'result'],
      {
        if: { properties: { result: { const: 'droppedOut' } }, required: ['result'] },
        then: { required: ['exitReason'] },
      },
    ),
    escalation: object(
      {
        ladder: {
          type: 'array',
          minItems: 1,
          items: object(
            {
              level: { type: 'integer', minimum: 0, maximum: 4 },
              name: text,
              owner: { $ref: '#/$defs/id' },
              notify: idList,
              timeBox: { $ref: '#/$defs/duration' },
            },
            ['level', 'name', 'owner', 'timeBox'],
          ),
        },
        stalledAfter: { $ref: '#/$defs/duration' },
      },
      ['ladder'],
    ),
  },
};
