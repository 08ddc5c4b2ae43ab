import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import {
  CaseNormKpiDto,
  ClockChangesDto,
  DropOutDto,
  EscalationsDto,
  LeadTimesDto,
  ReworkDto,
  ScorecardDto,
  ThroughputDto,
  WithinNormDto,
  WorkInProgressDto,
} from './kpi.dto';
import {
  KpiQueryDto,
  ScorecardQueryDto,
  ThroughputQueryDto,
  WorkInProgressQueryDto,
} from './kpi-query.dto';
import { KpisService } from './kpis.service';

/** Chain-wide figures for operations and the regisseur; groups below the minimum size are suppressed. */
@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get('throughput')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Cases opened and closed and handovers made, per day or ISO week' })
  @ApiOkResponse({ type: ThroughputDto })
  throughput(
    @Query() query: ThroughputQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ThroughputDto> {
    return this.kpis.throughput(query, user);
  }

  @Get('work-in-progress')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Open tasks per step now: unclaimed, suspended, over norm, age' })
  @ApiOkResponse({ type: WorkInProgressDto })
  workInProgress(
    @Query() query: WorkInProgressQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WorkInProgressDto> {
    return this.kpis.workInProgress(query, user);
  }

  @Get('lead-times')
  @Roles('operations', 'regisseur')
  @ApiOperation({
    summary:
      'Median and p90 of lead, waiting and handover time per step and partner; end-to-end per chain',
  })
  @ApiOkResponse({ type: LeadTimesDto })
  leadTimes(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<LeadTimesDto> {
    return this.kpis.leadTimes(query, user);
  }

  @Get('within-norm')
  @Roles('operations', 'regisseur')
  @ApiOperation({
    summary: 'Share of completed tasks within their target norm, on its own calendar',
  })
  @ApiOkResponse({ type: WithinNormDto })
  withinNorm(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WithinNormDto> {
    return this.kpis.withinNorm(query, user);
  }

  @Get('case-norm')
  @Roles('operations', 'regisseur')
  @ApiOperation({
    summary:
      'Lead time of the whole case against its case norm, per chain and intensity: cases ended within it, median and p90',
  })
  @ApiOkResponse({ type: CaseNormKpiDto })
  caseNorm(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseNormKpiDto> {
    return this.kpis.caseNorm(query, user);
  }

  @Get('rework')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Returned handovers per step, and cases with a return' })
  @ApiOkResponse({ type: ReworkDto })
  rework(@Query() query: KpiQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ReworkDto> {
    return this.kpis.rework(query, user);
  }

  @Get('drop-out')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Cases that dropped out, per exit reason' })
  @ApiOkResponse({ type: DropOutDto })
  dropOut(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DropOutDto> {
    return this.kpis.dropOut(query, user);
  }

  @Get('escalations')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Escalations per level reached and trigger; time to resolve' })
  @ApiOkResponse({ type: EscalationsDto })
  escalations(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EscalationsDto> {
    return this.kpis.escalations(query, user);
  }

  @Get('clock-changes')
  @Roles('operations', 'regisseur')
  @ApiOperation({ summary: 'Suspensions and extensions of norm clocks per step' })
  @ApiOkResponse({ type: ClockChangesDto })
  clockChanges(
    @Query() query: KpiQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClockChangesDto> {
    return this.kpis.clockChanges(query, user);
  }

  @Get('scorecards/:partnerId')
  @Roles('operations', 'regisseur', 'caseworker')
  @ApiOperation({
    summary:
      "A partner's figures per step it owns, against the agreed norms (caseworkers: own organisation only)",
  })
  @ApiOkResponse({ type: ScorecardDto })
  scorecard(
    @Param('partnerId') partnerId: string,
    @Query() query: ScorecardQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ScorecardDto> {
    return this.kpis.scorecard(partnerId, query, user);
  }
}
