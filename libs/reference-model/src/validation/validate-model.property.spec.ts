import fc from 'fast-check';
import { validModel } from '../../test/model-arbitraries';
import { completeTask, openTasks, startCase } from '../engine/routing-engine';
import { ExpressionError } from '../expression/expression-error';
import { parseExpression } from '../expression/parse-expression';
import { loadModel } from '../format/load-model';
import { toJson, toYaml } from '../format/serialize-model';
import { validateModel } from './validate-model';

describe('generated models', () => {
  it('validate clean', () => {
    fc.assert(fc.property(validModel, (model) => expect(validateModel(model)).toEqual([])));
  });

  it('always reach an end through the engine, whatever outcomes are chosen', () => {
    fc.assert(
      fc.property(validModel, fc.infiniteStream(fc.nat()), (model, choices) => {
        let result = startCase(model, { category: 'general', data: {} });
        const picks = choices[Symbol.iterator]();
        for (let moves = 0; !result.ended; moves++) {
          expect(moves).toBeLessThan(500);
          const open = openTasks(result.state);
          const task = open[picks.next().value % open.length];
          const outcomes = model.steps.find((s) => s.id === task.stepId)!.outcomes;
          const outcome = outcomes[picks.next().value % outcomes.length].id;
          result = completeTask(model, result.state, { taskKey: task.taskKey, outcome, data: {} });
        }
        expect(openTasks(result.state)).toEqual([]);
      }),
    );
  });

  it('round-trip losslessly through YAML and JSON', () => {
    fc.assert(
      fc.property(validModel, fc.string(), (model, text) => {
        model.chain.purpose = text || 'x';
        expect(loadModel(toYaml(model)).model).toEqual(model);
        expect(loadModel(toJson(model)).model).toEqual(model);
      }),
    );
  });

  it('always report a problem when a step is deleted', () => {
    fc.assert(
      fc.property(validModel, fc.nat(), (model, pick) => {
        model.steps.splice(pick % model.steps.length, 1);
        expect(validateModel(model).length).toBeGreaterThan(0);
      }),
    );
  });

  it('always report a problem when a route is deleted', () => {
    fc.assert(
      fc.property(validModel, fc.nat(), (model, pick) => {
        const fallbacks = model.routes.filter((r) => !r.rework);
        model.routes.splice(model.routes.indexOf(fallbacks[pick % fallbacks.length]), 1);
        expect(validateModel(model).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('the expression parser', () => {
  it('either parses or throws an ExpressionError on any input', () => {
    const alphabet = fc.constantFrom(
      ..."data.x outcome intake.category == != < > ! && || ( ) [ ] , in ' 1 -2.5 true null".split(
        ' ',
      ),
      ' ',
      "'",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet).map((parts) => parts.join(' ')),
        ),
        (source) => {
          try {
            parseExpression(source);
          } catch (error) {
            expect(error).toBeInstanceOf(ExpressionError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
