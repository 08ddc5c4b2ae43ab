import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { addCalendarDays, parseCivilDate, toAmsterdamDate } from '@schakel/calendar';
import { EnvironmentVariables } from '@schakel/config';
import { KpiQueryRepository, OrganisationRepository, type KpiFilter } from '@schakel/database';
import { RequestValidationError } from '@schakel/http';
import { chainsFor, hasRole, type AuthenticatedUser } from '@schakel/identity';
import type {
  CaseNormKpiDto,
  ClockChangesDto,
  DropOutDto,
  EscalationsDto,
  KpiFilterDto,
  LeadTimesDto,
  ReworkDto,
  ScorecardDto,
  ThroughputDto,
  WithinNormDto,
  WorkInProgressDto,
} from './kpi.dto';
import type {
  KpiQueryDto,
  ScorecardQueryDto,
  ThroughputQueryDto,
  WorkInProgressQueryDto,
} from './kpi-query.dto';
import { share, suppressCount, suppressFigures, suppressSmallGroups } from './suppression';

/** Default period: the last 52 weeks up to and including today. */
const DEFAULT_DAYS = 364;

type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type Camelised<T> = { [K in keyof T as Camel<K & string>]: T[K] };

function camel<T extends object>(row: T): Camelised<T> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  ) as Camelised<T>;
}

/** Period, scope and privacy of the KPI figures; the SQL lives in KpiQueryRepository. */
@Injectable()
export class KpisService {
  constructor(
    private readonly kpis: KpiQueryRepository,
    private readonly organisations: OrganisationRepository,
    private readonly env: EnvironmentVariables,
  ) {}

  private get min(): number {
    return this.env.KPI_MIN_GROUP_SIZE;
  }

  async throughput(query: ThroughputQueryDto, user: AuthenticatedUser): Promise<ThroughputDto> {
    const maxDays = query.interval === 'day' ? this.env.KPI_MAX_DAYS_DAILY : this.env.KPI_MAX_DAYS;
    const filter = this.filter(query, user, maxDays);
    const rows = await this.kpis.throughput(filter, query.interval);
    return {
      filter: this.echo(filter),
      interval: query.interval,
      rows: rows.map((row) => ({
        period: row.period,
        opened: suppressCount(row.opened, this.min),
        closed: suppressCount(row.closed, this.min),
        handovers: suppressCount(row.handovers, this.min),
      })),
    };
  }

  async workInProgress(
    query: WorkInProgressQueryDto,
    user: AuthenticatedUser,
    now = new Date(),
  ): Promise<WorkInProgressDto> {
    const rows = await this.kpis.workInProgress(this.scope(query, user), now);
    return {
      at: now.toISOString(),
      minGroupSize: this.min,
      rows: suppressSmallGroups(rows.map(camel), this.min, [
        'open',
        'unclaimed',
        'suspended',
        'overNorm',
        'ageMedianMs',
        'ageMaxMs',
        'agedOver7Days',
        'agedOver28Days',
        'openEscalations',
      ]),
    };
  }

  async leadTimes(query: KpiQueryDto, user: AuthenticatedUser): Promise<LeadTimesDto> {
    const filter = this.filter(query, user);
    const [steps, cases] = await Promise.all([
      this.kpis.stepLeadTimes(filter),
      this.kpis.caseLeadTimes(filter),
    ]);
    return {
      filter: this.echo(filter),
      steps: suppressSmallGroups(steps.map(camel), this.min, [
        'tasks',
        'workingMedianMs',
        'workingP90Ms',
        'waitingMedianMs',
        'waitingP90Ms',
        'handoverMedianMs',
        'handoverP90Ms',
      ]),
      cases: suppressSmallGroups(cases.map(camel), this.min, [
        'leadMedianMs',
        'leadP90Ms',
        'handoversPerCase',
        'returnsPerCase',
      ]),
    };
  }

  async withinNorm(query: KpiQueryDto, user: AuthenticatedUser): Promise<WithinNormDto> {
    const filter = this.filter(query, user);
    const rows = (await this.kpis.withinNorm(filter)).map((row) => ({
      ...camel(row),
      share: share(row.within, row.measured),
    }));
    return {
      filter: this.echo(filter),
      rows: suppressSmallGroups(rows, this.min, ['measured', 'within', 'share', 'elapsedMedian']),
    };
  }

  async caseNorm(query: KpiQueryDto, user: AuthenticatedUser): Promise<CaseNormKpiDto> {
    const filter = this.filter(query, user);
    const rows = (await this.kpis.caseNorm(filter)).map((row) => ({
      ...camel(row),
      share: share(row.within, row.cases),
    }));
    return {
      filter: this.echo(filter),
      rows: suppressSmallGroups(rows, this.min, ['within', 'share', 'leadMedianMs', 'leadP90Ms']),
    };
  }

  async rework(query: KpiQueryDto, user: AuthenticatedUser): Promise<ReworkDto> {
    const filter = this.filter(query, user);
    const [steps, cases] = await Promise.all([
      this.kpis.stepRework(filter),
      this.kpis.caseRework(filter),
    ]);
    return {
      filter: this.echo(filter),
      steps: suppressSmallGroups(
        steps.map((row) => ({ ...camel(row), rate: share(row.returned, row.tasks) })),
        this.min,
        ['tasks', 'returned', 'rate'],
      ),
      cases: suppressSmallGroups(
        cases.map((row) => ({ ...camel(row), rate: share(row.with_return, row.cases) })),
        this.min,
        ['withReturn', 'returns', 'rate'],
      ),
    };
  }

  async dropOut(query: KpiQueryDto, user: AuthenticatedUser): Promise<DropOutDto> {
    const filter = this.filter(query, user);
    const rows = (await this.kpis.dropOut(filter)).map((row) => ({
      ...camel(row),
      rate: share(row.cases, row.closed),
    }));
    return {
      filter: this.echo(filter),
      rows: suppressSmallGroups(rows, this.min, ['closed', 'rate']),
    };
  }

  async escalations(query: KpiQueryDto, user: AuthenticatedUser): Promise<EscalationsDto> {
    const filter = this.filter(query, user);
    const rows = await this.kpis.escalations(filter);
    return {
      filter: this.echo(filter),
      rows: suppressSmallGroups(rows.map(camel), this.min, [
        'raised',
        'resolved',
        'resolveMedianMs',
        'resolveP90Ms',
      ]),
    };
  }

  async clockChanges(query: KpiQueryDto, user: AuthenticatedUser): Promise<ClockChangesDto> {
    const filter = this.filter(query, user);
    const rows = await this.kpis.clockChanges(filter);
    return {
      filter: this.echo(filter),
      rows: suppressSmallGroups(rows.map(camel), this.min, [
        'tasks',
        'suspendedTasks',
        'suspensions',
        'suspendedMedianMs',
        'extendedTasks',
        'extensions',
      ]),
    };
  }

  /** Chain-wide roles see every partner's scorecard; a caseworker only their own organisation's. */
  async scorecard(
    partnerId: string,
    query: ScorecardQueryDto,
    user: AuthenticatedUser,
  ): Promise<ScorecardDto> {
    const ownOrganisation = hasRole(user, 'caseworker') && user.organisationId === partnerId;
    if (!ownOrganisation && !hasRole(user, 'operations') && !hasRole(user, 'regisseur')) {
      throw new ForbiddenException(
        `A caseworker sees only the scorecard of their own organisation (${user.organisationId})`,
      );
    }
    const [organisation] = await this.organisations.findByIds([partnerId]);
    if (!organisation) throw new NotFoundException(`No partner organisation '${partnerId}'`);
    const filter = ownOrganisation
      ? this.filter({ ...query, partnerId })
      : this.filter({ ...query, partnerId }, user);
    const rows = (await this.kpis.scorecard(partnerId, filter)).map((row) => ({
      ...camel(row),
      withinNormShare: share(row.within, row.measured),
    }));
    const groups = suppressSmallGroups(rows, this.min, [
      'tasks',
      'completed',
      'completedCases',
      'measuredCases',
      'returned',
      'workingMedianMs',
      'workingP90Ms',
      'waitingMedianMs',
      'handoverMedianMs',
      'measured',
      'within',
      'withinNormShare',
      'suspendedTasks',
      'extendedTasks',
      'escalations',
    ]).map((row) => ({ ...row, suppressedFigures: [] as string[] }));
    // Lead times and within-norm count their own cases, as /kpis/lead-times and /kpis/within-norm do.
    const completed = suppressFigures(groups, this.min, (row) => row.completedCases, [
      'completed',
      'workingMedianMs',
      'workingP90Ms',
      'waitingMedianMs',
      'handoverMedianMs',
    ]);
    return {
      partnerId,
      filter: this.echo(filter),
      steps: suppressFigures(completed, this.min, (row) => row.measuredCases, [
        'measured',
        'within',
        'withinNormShare',
      ]),
    };
  }

  /**
   * The period with its defaults; 400 naming `from` when it lies after `to` or the period spans
   * more than `maxDays` days (KPI_MAX_DAYS, or KPI_MAX_DAYS_DAILY for figures per day), so no
   * request can make the database and the API build an unbounded answer. Limited to the chains
   * the user holds an operations or regisseur role in when a user is given.
   */
  filter(query: KpiQueryDto, user?: AuthenticatedUser, maxDays = this.env.KPI_MAX_DAYS): KpiFilter {
    const to = query.to ?? toAmsterdamDate(Date.now());
    const from = query.from ?? addCalendarDays(to, -Math.min(DEFAULT_DAYS, maxDays - 1));
    if (from > to) {
      throw new RequestValidationError([{ field: 'from', reason: `must not be after to (${to})` }]);
    }
    const days = parseCivilDate(to) - parseCivilDate(from) + 1;
    if (days > maxDays) {
      throw new RequestValidationError([
        {
          field: 'from',
          reason: `the period ${from} to ${to} spans ${days} days; at most ${maxDays} are accepted here`,
        },
      ]);
    }
    return { ...(user ? this.scope(query, user) : query), from, to };
  }

  /** Another chain's figures are a 404, as if it did not exist; without a chain, only the user's. */
  scope<Query extends { chainId?: string }>(
    query: Query,
    user: AuthenticatedUser,
  ): Query & { chainIds?: string[] } {
    const chainIds = chainsFor(user, 'operations', 'regisseur');
    if (!chainIds) return query;
    if (query.chainId && !chainIds.includes(query.chainId)) {
      throw new NotFoundException(`No published model for chain '${query.chainId}'`);
    }
    return { ...query, chainIds };
  }

  private echo({ chainIds: _chainIds, ...filter }: KpiFilter): KpiFilterDto {
    return { ...filter, minGroupSize: this.min };
  }
}
