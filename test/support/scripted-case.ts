import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CaseEventRecord, CaseProjection, TaskChange, TaskOpening } from '@schakel/contracts';
import type { CaseProjectionRepository } from '@schakel/database';
import type { CaseEnd } from '@schakel/reference-model/engine';

type Fragment = Partial<Pick<CaseProjection, 'events' | 'opened' | 'changed'>> & {
  end?: { at: string; end: CaseEnd };
};

const iso = (at: string) => new Date(at).toISOString();

/**
 * Publishes a copy of the debt chain's model (version 1) as a chain of a test's own, so no other
 * test file's cases mix into its figures.
 */
export async function publishDebtChainCopy(
  dataSource: DataSource,
  chainId: string,
  chainName: string,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO model_versions (chain_id, version, chain_name, document, source, source_format, partner_ids, published_by)
     SELECT $1::text, 1, $2::text, jsonb_set(document, '{chain,id}', to_jsonb($1::text)), source, source_format,
       partner_ids, published_by
     FROM model_versions WHERE chain_id = 'vroegsignalering-schuldhulp' AND version = 1`,
    [chainId, chainName],
  );
}

/**
 * A case history with known timestamps, written through the real projection (the path the case
 * workflow's activity takes), one transition at a time. Task keys are `<stepId>#<iteration>`.
 */
export class ScriptedCase {
  readonly id = randomUUID();
  /** Every projection applied, so a test can re-apply one to check idempotency. */
  readonly applied: CaseProjection[] = [];
  private sequence = 0;
  private readonly partners = new Map<string, string>();

  constructor(
    private readonly projections: CaseProjectionRepository,
    readonly chainId: string,
    readonly modelVersion: number,
  ) {}

  /** Inserts the intake row (with its own opening time) and the case.opened event. */
  async open(dataSource: DataSource, openedBy: string, at: string): Promise<this> {
    await dataSource.query(
      `INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question, client_reference,
         data, status, opened_by, opened_at, updated_at)
       VALUES ($1, $2, $3, 'arrears-signal', 'coordinate', 'Scripted for KPI tests', 'KP-KPI-TEST', '{}', 'open',
         $4, $5, $5)`,
      [this.id, this.chainId, this.modelVersion, openedBy, iso(at)],
    );
    await this.apply({ events: [this.event('case.opened', at)] });
    return this;
  }

  async apply(...fragments: Fragment[]): Promise<void> {
    const end = fragments.find((fragment) => fragment.end)?.end;
    const projection: CaseProjection = {
      caseId: this.id,
      chainId: this.chainId,
      modelVersion: this.modelVersion,
      events: fragments.flatMap((fragment) => fragment.events ?? []),
      notifications: [],
      opened: fragments.flatMap((fragment) => fragment.opened ?? []),
      changed: fragments.flatMap((fragment) => fragment.changed ?? []),
      caseChange: {
        status: end ? 'closed' : 'open',
        data: {},
        currentPartners: [],
        ...(end ? { end: end.end, closedAt: iso(end.at) } : {}),
      },
    };
    await this.projections.apply(projection);
    this.applied.push(projection);
  }

  taskOpened(
    taskKey: string,
    partnerId: string,
    at: string,
    handedOverBy: string[] = [],
    dueAt: string | null = null,
  ): Fragment {
    this.partners.set(taskKey, partnerId);
    const stepId = taskKey.split('#')[0];
    const opening: TaskOpening = {
      taskKey,
      stepId,
      stepName: stepId,
      partnerId,
      iteration: Number(taskKey.split('#')[1]),
      handedOverBy,
      openedAt: iso(at),
      dueAt: dueAt && iso(dueAt),
      escalationAt: null,
    };
    return {
      events: [this.taskEvent('task.opened', taskKey, at, { handedOverBy })],
      opened: [opening],
    };
  }

  claimed(taskKey: string, at: string): Fragment {
    return this.change('task.claimed', taskKey, at, { claimedAt: iso(at) });
  }

  completed(taskKey: string, at: string): Fragment {
    return this.change(
      'task.completed',
      taskKey,
      at,
      { status: 'completed', closedAt: iso(at), outcome: 'done' },
      { outcome: 'done' },
    );
  }

  returned(taskKey: string, at: string): Fragment {
    return this.change(
      'task.returned',
      taskKey,
      at,
      { status: 'returned', closedAt: iso(at) },
      { reason: 'Telefoonnummer ontbreekt' },
    );
  }

  cancelled(taskKey: string, at: string): Fragment {
    return this.change('task.cancelled', taskKey, at, { status: 'cancelled', closedAt: iso(at) });
  }

  suspended(taskKey: string, at: string): Fragment {
    return {
      events: [
        this.taskEvent('task.suspended', taskKey, at, {
          waitingFor: 'client',
          reason: 'Cliënt op vakantie',
        }),
      ],
    };
  }

  resumed(taskKey: string, at: string): Fragment {
    return { events: [this.taskEvent('task.resumed', taskKey, at, {})] };
  }

  escalationRaised(taskKey: string, at: string, level: number): Fragment {
    return {
      events: [
        this.taskEvent('escalation.raised', taskKey, at, { level, trigger: 'norm-breached' }),
      ],
    };
  }

  closed(at: string, end: CaseEnd): Fragment {
    return {
      events: [
        this.event('case.closed', at, {
          result: end.result,
          endId: end.endId,
          exitReason: end.exitReason,
        }),
      ],
      end: { at, end },
    };
  }

  private change(
    type: CaseEventRecord['type'],
    taskKey: string,
    at: string,
    change: Omit<TaskChange, 'taskKey'>,
    details: CaseEventRecord['details'] = {},
  ): Fragment {
    return {
      events: [this.taskEvent(type, taskKey, at, details)],
      changed: [{ taskKey, ...change }],
    };
  }

  private taskEvent(
    type: CaseEventRecord['type'],
    taskKey: string,
    at: string,
    details: CaseEventRecord['details'],
  ): CaseEventRecord {
    return this.event(type, at, details, {
      taskKey,
      stepId: taskKey.split('#')[0],
      partnerId: this.partners.get(taskKey),
    });
  }

  private event(
    type: CaseEventRecord['type'],
    at: string,
    details: CaseEventRecord['details'] = {},
    task: Pick<CaseEventRecord, 'taskKey' | 'stepId' | 'partnerId'> = {},
  ): CaseEventRecord {
    this.sequence += 1;
    return { eventId: `${this.id}:${this.sequence}`, type, occurredAt: iso(at), details, ...task };
  }
}
