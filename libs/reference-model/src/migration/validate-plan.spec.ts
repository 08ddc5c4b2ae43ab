import { exampleModel } from '../../test/example-models';
import { DEBT_CHAIN_EDITS, debtChainVersion2, mergedBranches } from '../../test/migration-examples';
import { minimalModel, modelWith, parallelModel } from '../../test/model-builder';
import { editMapping, generateMapping } from './generate-plan';
import { validateMapping } from './validate-plan';

const v1 = exampleModel('vroegsignalering-schuldhulp.yaml');
const v2 = debtChainVersion2(v1);
const codes = (problems: { code: string }[]) => problems.map((problem) => problem.code);

describe('generateMapping', () => {
  it('maps every step and gateway whose id is in both versions to itself', () => {
    const mapping = generateMapping(v1, v2);
    expect(mapping.steps.find((entry) => entry.from === 'outreach')).toEqual({
      from: 'outreach',
      to: ['outreach'],
      origin: 'generated',
    });
    expect(mapping.gateways.map((entry) => entry.to)).toEqual([
      'arrangement-split',
      'arrangement-join',
      'arrangement-result',
    ]);
    expect(mapping.claimedWork).toBe('refuse');
  });

  it('takes a removed step to the one added step of the same name, and leaves the rest to the owner', () => {
    const renamed = modelWith((m) => {
      m.steps[0] = { ...m.steps[0], id: 'a2' };
      m.routes = m.routes.map((r) => ({
        ...r,
        from: r.from === 'a' ? 'a2' : r.from,
        to: r.to === 'a' ? 'a2' : r.to,
      }));
    });
    expect(generateMapping(minimalModel(), renamed).steps[0]).toEqual({
      from: 'a',
      to: ['a2'],
      origin: 'generated',
    });
    // The debt chain's `matching` got another name as well: the owner must say where it went.
    const mapping = generateMapping(v1, v2);
    expect(mapping.steps.some((entry) => entry.from === 'matching')).toBe(false);
    expect(validateMapping(v1, v2, mapping)).toEqual([
      expect.objectContaining({
        code: 'unmapped-step',
        message: expect.stringContaining("'matching'"),
      }),
    ]);
  });

  it("lays the owner's edits over the generated entries, marked as theirs", () => {
    const mapping = editMapping(generateMapping(v1, v2), DEBT_CHAIN_EDITS);
    expect(mapping.steps.find((entry) => entry.from === 'matching')).toEqual({
      from: 'matching',
      to: ['triage'],
      origin: 'owner',
    });
    expect(validateMapping(v1, v2, mapping)).toEqual([]);
  });
});

describe('validateMapping', () => {
  const valid = () => editMapping(generateMapping(v1, v2), DEBT_CHAIN_EDITS);

  it('refuses targets the new version does not have, and steps mapped twice', () => {
    const mapping = editMapping(valid(), { steps: [{ from: 'feedback', to: ['gone'] }] });
    mapping.steps.push({ from: 'feedback', to: [], origin: 'owner' });
    expect(codes(validateMapping(v1, v2, mapping))).toEqual(['unknown-step', 'duplicate-mapping']);
  });

  it('allows several targets only as the first steps of the branches of one split', () => {
    const wrong = editMapping(valid(), {
      steps: [{ from: 'stabilisation', to: ['creditors', 'aftercare'] }],
    });
    expect(codes(validateMapping(v1, v2, wrong))).toEqual(['invalid-split-mapping']);
    const branches = editMapping(valid(), {
      steps: [{ from: 'stabilisation', to: ['creditors', 'income-administration'] }],
    });
    expect(validateMapping(v1, v2, branches)).toEqual([]);
  });

  it('names a partner only when the new step allows it', () => {
    const mapping = editMapping(valid(), {
      steps: [{ from: 'outreach', to: ['outreach'], partner: 'kredietbank' }],
    });
    expect(validateMapping(v1, v2, mapping)).toEqual([
      expect.objectContaining({ code: 'partner-not-allowed', path: '/steps/0/partner' }),
    ]);
  });

  it('keeps gateways to gateways of the same type, each old one mapped', () => {
    const mapping = editMapping(valid(), {
      gateways: [{ from: 'arrangement-join', to: 'arrangement-result' }],
    });
    mapping.gateways = mapping.gateways.filter((entry) => entry.from !== 'arrangement-split');
    expect(codes(validateMapping(v1, v2, mapping))).toEqual([
      'gateway-type-changed',
      'unmapped-gateway',
    ]);
  });

  it('refuses to take a branch a join waits for somewhere that never reaches the join', () => {
    const mapping = editMapping(valid(), { steps: [{ from: 'creditors', to: ['aftercare'] }] });
    expect(validateMapping(v1, v2, mapping)).toEqual([
      expect.objectContaining({ code: 'join-branch-lost', path: '/steps/6/to/0' }),
    ]);
  });

  it('refuses data a partner could not see before, unless the plan accepts it', () => {
    const wider = JSON.parse(JSON.stringify(v2)) as typeof v2;
    wider.steps.find((s) => s.id === 'feedback')?.sees.push('debt-total', 'brand-new');
    wider.fields.push({ id: 'brand-new', label: 'Nieuw', type: 'string' });
    const mapping = valid();
    expect(validateMapping(v1, wider, mapping)).toEqual([
      expect.objectContaining({
        code: 'data-exposure',
        // Only data that existed under the old version can be exposed; the new field cannot.
        message: expect.stringMatching(/woningcorporatie would see debt-total, which/),
      }),
      expect.objectContaining({
        code: 'data-exposure',
        message: expect.stringContaining('energieleverancier'),
      }),
      expect.objectContaining({
        code: 'data-exposure',
        message: expect.stringContaining('zorgverzekeraar'),
      }),
    ]);
    mapping.exposures = ['woningcorporatie', 'energieleverancier', 'zorgverzekeraar'].map(
      (partner) => ({ step: 'feedback', partner, fields: ['debt-total'] }),
    );
    expect(validateMapping(v1, wider, mapping)).toEqual([]);
  });

  it('checks parallel models built from scratch too', () => {
    const { merged, mapping } = mergedBranches();
    expect(validateMapping(parallelModel(), merged, mapping)).toEqual([]);
  });
});
