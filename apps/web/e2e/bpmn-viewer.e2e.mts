import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { ApiDriver } from './support/api-driver.mts';
import { launchBrowser, openPage, screenshot } from './support/browser.mts';
import { REPOSITORY_ROOT } from './support/environment.mts';

/** The published viewer bundle of bpmn-js: a UMD script that defines `window.BpmnJS`. */
const VIEWER_SCRIPT = createRequire(import.meta.url).resolve(
  'bpmn-js/dist/bpmn-viewer.production.min.js',
);
const MODELS_DIR = join(REPOSITORY_ROOT, 'models');

interface ExampleModel {
  file: string;
  chainId: string;
  stepIds: string[];
}

interface ImportResult {
  warnings: string[];
  elementIds: string[];
  renderedShapes: number;
  /** Tasks and external labels whose text, as the browser draws it, sticks out of their bounds. */
  overflows: string[];
}

interface DiagramElement {
  id: string;
  type: string;
  width: number;
  height: number;
}

/** The part of the bpmn-js viewer API the test uses. */
type BpmnViewerClass = new (options: { container: string }) => {
  importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
  get(name: 'elementRegistry'): {
    getAll(): DiagramElement[];
    getGraphics(element: DiagramElement): SVGGElement;
  };
  get(name: 'canvas'): { zoom(level: 'fit-viewport'): number };
};

const examples: ExampleModel[] = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => {
    const document = parse(readFileSync(join(MODELS_DIR, file), 'utf8')) as {
      chain: { id: string };
      steps: { id: string }[];
    };
    return { file, chainId: document.chain.id, stepIds: document.steps.map((step) => step.id) };
  });

describe('the BPMN export in bpmn-js', () => {
  const baseUrl = inject('baseUrl');
  const api = new ApiDriver(baseUrl);
  let browser: Browser;

  /** The exported document of the chain's current version, as a model owner downloads it. */
  async function exportedBpmn(chainId: string): Promise<string> {
    const chains = await api.call<{ chainId: string; currentVersion: number | null }[]>(
      'admin',
      'GET',
      '/models',
    );
    const version = chains.find((chain) => chain.chainId === chainId)?.currentVersion;
    if (!version) throw new Error(`Chain ${chainId} has no published version`);
    const response = await fetch(`${baseUrl}/models/${chainId}/versions/${version}/bpmn`, {
      headers: { Authorization: `Bearer ${await api.as('admin')}` },
    });
    if (!response.ok) throw new Error(`BPMN of ${chainId}: ${response.status}`);
    return response.text();
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(() => browser?.close());

  it('knows every example model', () => {
    expect(examples.map((example) => example.file).sort()).toEqual([
      'huiselijk-geweld-jeugdbescherming.yaml',
      'vroegsignalering-schuldhulp.yaml',
      'wmo-maatwerk.yaml',
    ]);
  });

  for (const example of examples) {
    it(`imports ${example.file} without warnings and draws every step, its text inside its bounds`, async () => {
      const xml = await exportedBpmn(example.chainId);
      const { page, consoleErrors } = await openPage(browser);
      await page.setContent(
        '<!doctype html><html><body><div id="canvas" style="width:1600px;height:900px"></div></body></html>',
      );
      await page.addScriptTag({ path: VIEWER_SCRIPT });
      const result = await page.evaluate(async (documentXml): Promise<ImportResult> => {
        const { BpmnJS } = window as unknown as { BpmnJS: BpmnViewerClass };
        const viewer = new BpmnJS({ container: '#canvas' });
        const { warnings } = await viewer.importXML(documentXml);
        viewer.get('canvas').zoom('fit-viewport');
        const registry = viewer.get('elementRegistry');
        const texts = registry
          .getAll()
          .filter((element) => element.type === 'bpmn:UserTask' || element.type === 'label');
        // The text is drawn relative to its element's top-left corner; a pixel of rounding is allowed.
        const overflows = texts.flatMap((element) => {
          const text = registry.getGraphics(element).querySelector('text');
          if (!text) return [];
          const box = text.getBBox();
          const fits =
            box.x >= -1 &&
            box.y >= -1 &&
            box.x + box.width <= element.width + 1 &&
            box.y + box.height <= element.height + 1;
          return fits
            ? []
            : [
                `${element.id}: text at ${box.x},${box.y} of ${box.width}×${box.height} in ${element.width}×${element.height}`,
              ];
        });
        return {
          warnings: warnings.map((warning) => warning.message),
          elementIds: registry.getAll().map((element) => element.id),
          overflows,
          renderedShapes: document.querySelectorAll('#canvas .djs-element.djs-shape').length,
        };
      }, xml);
      await screenshot(page, `bpmn-${example.chainId}`);
      expect(result.warnings).toEqual([]);
      expect(result.elementIds).toEqual(
        expect.arrayContaining(example.stepIds.map((id) => `Task_${id}`)),
      );
      expect(result.renderedShapes).toBeGreaterThan(example.stepIds.length);
      expect(result.overflows).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }
});
