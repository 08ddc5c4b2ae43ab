import { ReferenceModel } from '../model/reference-model.types';
import {
  DataExposure,
  GatewayMapping,
  MigrationMapping,
  StepMapping,
} from './migration-plan.types';

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The mapping as far as the two versions tell: a step or gateway whose id is in both maps to
 * itself; a removed step maps to the one added step of the same name, if there is exactly one (a
 * rename). Steps left out must be mapped by the model owner (`unmapped-step`).
 */
export function generateMapping(from: ReferenceModel, to: ReferenceModel): MigrationMapping {
  const oldIds = new Set(from.steps.map((step) => step.id));
  const added = to.steps.filter((step) => !oldIds.has(step.id));
  const steps: StepMapping[] = [];
  for (const step of from.steps) {
    if (to.steps.some((candidate) => candidate.id === step.id)) {
      steps.push({ from: step.id, to: [step.id], origin: 'generated' });
      continue;
    }
    const renamed = added.filter((candidate) => sameName(candidate.name, step.name));
    if (renamed.length === 1)
      steps.push({ from: step.id, to: [renamed[0].id], origin: 'generated' });
  }
  const gateways: GatewayMapping[] = (from.gateways ?? []).map((gateway) => {
    const same = (to.gateways ?? []).find(
      (candidate) => candidate.id === gateway.id && candidate.type === gateway.type,
    );
    return { from: gateway.id, to: same ? same.id : null, origin: 'generated' };
  });
  return { steps, gateways, exposures: [], claimedWork: 'refuse' };
}

/** The owner's edits over the generated mapping: entries replace the generated ones for their `from`. */
export interface MappingEdits {
  steps?: Omit<StepMapping, 'origin'>[];
  gateways?: Omit<GatewayMapping, 'origin'>[];
  exposures?: DataExposure[];
  claimedWork?: MigrationMapping['claimedWork'];
}

export function editMapping(generated: MigrationMapping, edits: MappingEdits): MigrationMapping {
  const steps = new Map(generated.steps.map((entry) => [entry.from, entry]));
  for (const entry of edits.steps ?? []) steps.set(entry.from, { ...entry, origin: 'owner' });
  const gateways = new Map(generated.gateways.map((entry) => [entry.from, entry]));
  for (const entry of edits.gateways ?? []) gateways.set(entry.from, { ...entry, origin: 'owner' });
  return {
    steps: [...steps.values()],
    gateways: [...gateways.values()],
    exposures: edits.exposures ?? generated.exposures,
    claimedWork: edits.claimedWork ?? generated.claimedWork,
  };
}
