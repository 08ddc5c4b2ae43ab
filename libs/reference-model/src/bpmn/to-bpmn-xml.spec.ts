import { minimalModel, modelWith, parallelModel } from '../../test/model-builder';
import { parseBpmn as parse } from '../../test/bpmn-parse';
import { EXAMPLE_FILES, exampleModel } from '../../test/example-models';
import { toBpmnXml } from './to-bpmn-xml';

describe('toBpmnXml', () => {
  it.each(EXAMPLE_FILES)('exports %s as BPMN that bpmn-moddle reads without warnings', (file) => {
    const model = exampleModel(file);
    const parsed = parse(toBpmnXml(model));
    expect(parsed.warnings).toEqual([]);
    const ids = parsed.flowNodes.map((n) => n.id);
    for (const step of model.steps) expect(ids).toContain(`Task_${step.id}`);
    for (const end of model.ends) expect(ids).toContain(`EndEvent_${end.id}`);
    expect(parsed.shapes).toEqual(expect.arrayContaining(ids));
    expect([...parsed.edges].sort()).toEqual([...parsed.flows].sort());
    const partners = new Set(model.steps.map((s) => s.partner));
    expect(parsed.lanes).toEqual(
      model.partners.filter((p) => partners.has(p.id)).map((p) => `Lane_${p.id}`),
    );
  });

  it('uses parallel gateways for split and join and exclusive ones for decisions', () => {
    const parsed = parse(toBpmnXml(parallelModel()));
    const parallelTypes = Object.fromEntries(parsed.flowNodes.map((n) => [n.id, n.type]));
    expect(parallelTypes['Gateway_split']).toBe('bpmn:ParallelGateway');
    expect(parallelTypes['Gateway_join']).toBe('bpmn:ParallelGateway');
  });

  it('draws a split with a conditional branch as an inclusive gateway pair', () => {
    const parsed = parse(toBpmnXml(exampleModel('vroegsignalering-schuldhulp.yaml')));
    const types = Object.fromEntries(parsed.flowNodes.map((n) => [n.id, n.type]));
    expect(types['Gateway_arrangement-split']).toBe('bpmn:InclusiveGateway');
    expect(types['Gateway_arrangement-join']).toBe('bpmn:InclusiveGateway');
    expect(parsed.conditions).toContain('(data.income-administration-needed != false)');
    expect(types['Gateway_matching-decision']).toBe('bpmn:ExclusiveGateway');
    expect(types.StartEvent_start).toBe('bpmn:StartEvent');
    expect(types['Task_matching']).toBe('bpmn:UserTask');
    expect(parsed.conditions).toContain(
      "outcome == 'triaged' && (data.crisis == true || intake.category == 'crisis-signal')",
    );
  });

  it('names outcome flows by the outcome label, not its id', () => {
    const xml = toBpmnXml(exampleModel('vroegsignalering-schuldhulp.yaml'));
    expect(xml).toContain('name="Getrieerd, doorzetten"');
    expect(xml).toContain('name="Niet bereikt, max 3x"');
    expect(xml).toContain('name="max 1x (Schuldregeling met schuldeisers)"');
    expect(xml).not.toMatch(/sequenceFlow[^>]*name="triaged"/);
  });

  it('draws a joint step as one task in the lead lane, naming its contributors', () => {
    const parsed = parse(toBpmnXml(exampleModel('huiselijk-geweld-jeugdbescherming.yaml')));
    expect(parsed.flowNodes.filter((n) => n.id.startsWith('Task_voluntary-help'))).toHaveLength(1);
    expect(toBpmnXml(exampleModel('huiselijk-geweld-jeugdbescherming.yaml'))).toContain(
      'name="Vrijwillige hulp (met Veilig Thuis',
    );
  });

  it('escapes names and instructions and is deterministic', () => {
    const model = modelWith((m) => {
      m.chain.name = 'A & B <"chain">';
      m.steps[0].instructions = "Use <b> & 'quotes'";
    });
    const xml = toBpmnXml(model);
    expect(xml).toContain('name="A &amp; B &lt;&quot;chain&quot;&gt;"');
    expect(parse(xml).warnings).toEqual([]);
    expect(toBpmnXml(model)).toBe(xml);
    expect(toBpmnXml(minimalModel())).not.toBe(xml);
  });
});

describe('toBpmnXml joins', () => {
  it('merges the flows of one branch in an exclusive gateway, so the join has one per branch', () => {
    // Branch a decides: done goes to the join directly, 'again' via step c; both end at the join.
    const model = parallelModel((m) => {
      m.steps[0].outcomes.push({ id: 'again', label: 'Nog eens' });
      m.routes = [
        { from: 'start', to: 'split' },
        { from: 'split', to: 'a' },
        { from: 'split', to: 'b' },
        { from: 'a', on: 'again', to: 'c' },
        { from: 'a', to: 'join' },
        { from: 'c', to: 'join' },
        { from: 'b', to: 'join' },
        { from: 'join', to: 'done' },
      ];
    });
    const xml = toBpmnXml(model);
    const parsed = parse(xml);
    expect(parsed.warnings).toEqual([]);
    const incoming = (id: string) => [...xml.matchAll(new RegExp(`targetRef="${id}"`, 'g'))].length;
    expect(incoming('Gateway_join')).toBe(2);
    expect(parsed.flowNodes).toContainEqual({
      id: 'Gateway_join-merge-1',
      type: 'bpmn:ExclusiveGateway',
    });
    expect(incoming('Gateway_join-merge-1')).toBe(2);
    expect(parsed.shapes).toEqual(expect.arrayContaining(parsed.flowNodes.map((n) => n.id)));
    expect([...parsed.edges].sort()).toEqual([...parsed.flows].sort());
  });
});
