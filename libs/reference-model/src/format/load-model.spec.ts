import { readFileSync } from 'fs';
import { join } from 'path';
import { EXAMPLE_FILES, exampleModel, exampleText } from '../../test/example-models';
import { minimalModel } from '../../test/model-builder';
import { loadModel } from './load-model';
import { MAX_MODEL_BYTES, parseModelDocument, utf8Length } from './parse-document';
import { REFERENCE_MODEL_SCHEMA } from './reference-model.schema';
import { toJson, toYaml } from './serialize-model';

describe('loadModel', () => {
  it.each(EXAMPLE_FILES)(
    'loads %s without problems and round-trips it through JSON and YAML',
    (file) => {
      const model = exampleModel(file);
      const viaJson = loadModel(toJson(model));
      const viaYaml = loadModel(toYaml(model));
      expect(viaJson).toEqual({ ok: true, model, problems: [] });
      expect(viaYaml).toEqual({ ok: true, model, problems: [] });
      expect(toYaml(viaJson.model!)).toBe(toYaml(model));
    },
  );

  it('refuses a document above the size limit before parsing it', () => {
    const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const result = loadModel(huge);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'too-large', path: '' })]);
    expect(result.problems[0].message).toContain('1 MiB');
    expect(utf8Length('é€😀')).toBe(2 + 3 + 4);
    expect(loadModel(' '.repeat(MAX_MODEL_BYTES - 1) + '{').problems[0].code).toBe('syntax-error');
  });

  it('locates YAML syntax errors', () => {
    const result = loadModel('schemaVersion: 1\nchain:\n  id: x\n   name: broken\n');
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toEqual(
      expect.objectContaining({ code: 'syntax-error', line: 3, column: 7 }),
    );
  });

  it('locates JSON syntax errors and rejects duplicate keys', () => {
    const broken = loadModel('{\n  "schemaVersion": 1,\n  "chain": {,}\n}');
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'syntax-error', line: 3 })]);
    expect(loadModel('{ "chain": }').problems).toEqual([
      expect.objectContaining({ code: 'syntax-error' }),
    ]);
    const duplicate = loadModel('{ "schemaVersion": 1, "schemaVersion": 1 }');
    expect(duplicate.problems[0]).toEqual(expect.objectContaining({ code: 'syntax-error' }));
  });

  it('does not expand alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(loadModel(bomb).problems[0].code).toBe('syntax-error');
  });

  it('reports wrong types with paths and lines', () => {
    const text = exampleText('wmo-maatwerk.yaml').replace('maxReturns: 1', 'maxReturns: many');
    const result = loadModel(text);
    const line = text.split('\n').findIndex((l) => l.includes('maxReturns: many')) + 1;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'invalid-value',
        path: '/steps/5/maxReturns',
        line,
        column: 17,
      }),
    ]);
  });

  it('locates semantic problems in the source text', () => {
    const text = exampleText('huiselijk-geweld-jeugdbescherming.yaml').replace(
      'partner: rechtbank',
      'partner: kantongerecht',
    );
    const line = text.split('\n').findIndex((l) => l.includes('partner: kantongerecht')) + 1;
    expect(loadModel(text).problems).toEqual([
      expect.objectContaining({ code: 'unknown-partner', path: '/steps/4/partner', line }),
    ]);
  });

  it('reads non-object documents as structural problems', () => {
    expect(loadModel('just text').problems[0].code).toBe('invalid-value');
    expect(loadModel('[]').problems[0].code).toBe('invalid-value');
    expect(loadModel('').problems[0].code).toBe('invalid-value');
  });

  it('keeps strings that look like other YAML types as strings', () => {
    const model = minimalModel();
    model.steps[0].instructions = 'yes';
    model.steps[1].instructions = '2024-01-01';
    model.chain.purpose = 'null: ~ # not a comment\n\'quoted\' "double"';
    expect(loadModel(toYaml(model))).toEqual({ ok: true, model, problems: [] });
    expect(parseModelDocument(toYaml(model)).value).toEqual(model);
  });
});

describe('published JSON Schema', () => {
  it('matches docs/reference-model.schema.json', () => {
    const published = readFileSync(
      join(__dirname, '../../../../docs/reference-model.schema.json'),
      'utf8',
    );
    expect(JSON.parse(published)).toEqual(REFERENCE_MODEL_SCHEMA);
  });
});
