import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const nullableNumber = (description?: string) => ({ type: Number, nullable: true, description });

export class KpiFilterDto {
  @ApiProperty({ example: '2025-01-01' }) from!: string;
  @ApiProperty({ example: '2025-12-31' }) to!: string;
  @ApiPropertyOptional() chainId?: string;
  @ApiPropertyOptional() modelVersion?: number;
  @ApiPropertyOptional() partnerId?: string;
  @ApiPropertyOptional() stepId?: string;
  @ApiProperty({
    description: 'Groups with fewer cases than this are suppressed (KPI_MIN_GROUP_SIZE)',
  })
  minGroupSize!: number;
}

/** A group's keys; its figures are null when `suppressed`. */
export class GroupDto {
  @ApiProperty() chainId!: string;
  @ApiProperty(nullableNumber('Distinct cases in the group')) cases!: number | null;
  @ApiProperty({ description: 'Fewer cases than the minimum group size: figures left out' })
  suppressed!: boolean;
}

export class StepGroupDto extends GroupDto {
  @ApiProperty() stepId!: string;
  @ApiProperty() partnerId!: string;
}

export class ThroughputRowDto {
  @ApiProperty({ example: '2025-03-03', description: 'First day of the day or ISO week' })
  period!: string;
  @ApiProperty(nullableNumber('Cases opened (null: suppressed)')) opened!: number | null;
  @ApiProperty(nullableNumber('Cases closed or cancelled')) closed!: number | null;
  @ApiProperty(nullableNumber('Tasks handed over from another task')) handovers!: number | null;
}

export class ThroughputDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ enum: ['day', 'week'] }) interval!: 'day' | 'week';
  @ApiProperty({ type: [ThroughputRowDto] }) rows!: ThroughputRowDto[];
}

export class WorkInProgressRowDto extends StepGroupDto {
  @ApiProperty(nullableNumber()) open!: number | null;
  @ApiProperty(nullableNumber('Not yet claimed')) unclaimed!: number | null;
  @ApiProperty(nullableNumber('Clock suspended')) suspended!: number | null;
  @ApiProperty(nullableNumber('Past the target due date')) overNorm!: number | null;
  @ApiProperty(nullableNumber()) ageMedianMs!: number | null;
  @ApiProperty(nullableNumber()) ageMaxMs!: number | null;
  @ApiProperty(nullableNumber('Opened more than 7 days ago')) agedOver7Days!: number | null;
  @ApiProperty(nullableNumber('Opened more than 28 days ago')) agedOver28Days!: number | null;
  @ApiProperty(nullableNumber('Open tasks with an open escalation')) openEscalations!:
    number | null;
}

export class WorkInProgressDto {
  @ApiProperty() at!: string;
  @ApiProperty() minGroupSize!: number;
  @ApiProperty({ type: [WorkInProgressRowDto] }) rows!: WorkInProgressRowDto[];
}

export class StepLeadTimeDto extends StepGroupDto {
  @ApiProperty(nullableNumber('Completed tasks')) tasks!: number | null;
  @ApiProperty(nullableNumber('Lead time (claimed → completed, less suspension), median'))
  workingMedianMs!: number | null;
  @ApiProperty(nullableNumber()) workingP90Ms!: number | null;
  @ApiProperty(nullableNumber('Waiting time (scheduled → claimed), median')) waitingMedianMs!:
    number | null;
  @ApiProperty(nullableNumber()) waitingP90Ms!: number | null;
  @ApiProperty(nullableNumber('Handover latency (previous partner done → claimed), median'))
  handoverMedianMs!: number | null;
  @ApiProperty(nullableNumber()) handoverP90Ms!: number | null;
}

export class CaseLeadTimeDto extends GroupDto {
  @ApiProperty(nullableNumber('End-to-end lead time of closed cases, median')) leadMedianMs!:
    number | null;
  @ApiProperty(nullableNumber()) leadP90Ms!: number | null;
  @ApiProperty(nullableNumber()) handoversPerCase!: number | null;
  @ApiProperty(nullableNumber()) returnsPerCase!: number | null;
}

export class LeadTimesDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [StepLeadTimeDto] }) steps!: StepLeadTimeDto[];
  @ApiProperty({ type: [CaseLeadTimeDto] }) cases!: CaseLeadTimeDto[];
}

export class CaseNormKpiRowDto extends GroupDto {
  @ApiProperty({ enum: ['align', 'coordinate', 'integrate'] }) intensity!: string;
  @ApiProperty(nullableNumber('Ended by the due date of the case norm')) within!: number | null;
  @ApiProperty(nullableNumber('within / cases')) share!: number | null;
  @ApiProperty(nullableNumber('Lead time of the whole case, less suspension, median'))
  leadMedianMs!: number | null;
  @ApiProperty(nullableNumber()) leadP90Ms!: number | null;
}

export class CaseNormKpiDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({
    type: [CaseNormKpiRowDto],
    description: 'Cases ended in the period that ran their case norm with a due date',
  })
  rows!: CaseNormKpiRowDto[];
}

export class WithinNormRowDto extends StepGroupDto {
  @ApiProperty({ type: Number }) normAmount!: number;
  @ApiProperty({ enum: ['workingDays', 'calendarDays', 'hours'] }) normUnit!: string;
  @ApiProperty(nullableNumber('Completed tasks measured against the norm')) measured!:
    number | null;
  @ApiProperty(nullableNumber()) within!: number | null;
  @ApiProperty(nullableNumber('within / measured')) share!: number | null;
  @ApiProperty(nullableNumber('Median time used, in the norm unit')) elapsedMedian!: number | null;
}

export class WithinNormDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [WithinNormRowDto] }) rows!: WithinNormRowDto[];
}

export class StepReworkDto extends StepGroupDto {
  @ApiProperty(nullableNumber('Tasks closed')) tasks!: number | null;
  @ApiProperty(nullableNumber('Handovers this step returned')) returned!: number | null;
  @ApiProperty(nullableNumber()) rate!: number | null;
}

export class CaseReworkDto extends GroupDto {
  @ApiProperty(nullableNumber('Closed cases with at least one return')) withReturn!: number | null;
  @ApiProperty(nullableNumber()) returns!: number | null;
  @ApiProperty(nullableNumber('withReturn / cases')) rate!: number | null;
}

export class ReworkDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [StepReworkDto] }) steps!: StepReworkDto[];
  @ApiProperty({ type: [CaseReworkDto] }) cases!: CaseReworkDto[];
}

export class DropOutRowDto extends GroupDto {
  @ApiProperty() exitReason!: string;
  @ApiProperty(nullableNumber('Cases of the chain closed in the period')) closed!: number | null;
  @ApiProperty(nullableNumber('cases / closed')) rate!: number | null;
}

export class DropOutDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [DropOutRowDto] }) rows!: DropOutRowDto[];
}

export class EscalationRowDto extends GroupDto {
  @ApiProperty({ description: 'Level reached (0 early warning … 4 administrative)' })
  level!: number;
  @ApiProperty() trigger!: string;
  @ApiProperty(nullableNumber()) raised!: number | null;
  @ApiProperty(nullableNumber()) resolved!: number | null;
  @ApiProperty(nullableNumber('Raised → resolved, median')) resolveMedianMs!: number | null;
  @ApiProperty(nullableNumber()) resolveP90Ms!: number | null;
}

export class EscalationsDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [EscalationRowDto] }) rows!: EscalationRowDto[];
}

export class ClockChangeRowDto extends StepGroupDto {
  @ApiProperty(nullableNumber('Tasks closed')) tasks!: number | null;
  @ApiProperty(nullableNumber()) suspendedTasks!: number | null;
  @ApiProperty(nullableNumber()) suspensions!: number | null;
  @ApiProperty(nullableNumber('Suspended time of suspended tasks, median')) suspendedMedianMs!:
    number | null;
  @ApiProperty(nullableNumber()) extendedTasks!: number | null;
  @ApiProperty(nullableNumber()) extensions!: number | null;
}

export class ClockChangesDto {
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [ClockChangeRowDto] }) rows!: ClockChangeRowDto[];
}

export class ScorecardStepDto extends StepGroupDto {
  @ApiProperty(nullableNumber('Tasks closed')) tasks!: number | null;
  @ApiProperty(nullableNumber()) completed!: number | null;
  @ApiProperty(nullableNumber('Cases behind the lead, waiting and handover times'))
  completedCases!: number | null;
  @ApiProperty(nullableNumber('Cases behind the within-norm figures')) measuredCases!:
    number | null;
  @ApiProperty({
    type: [String],
    description:
      'Figures blanked because the cases they are computed from are fewer than minGroupSize, although the group is shown',
  })
  suppressedFigures!: string[];
  @ApiProperty(nullableNumber('Handovers this partner returned')) returned!: number | null;
  @ApiProperty(nullableNumber()) workingMedianMs!: number | null;
  @ApiProperty(nullableNumber()) workingP90Ms!: number | null;
  @ApiProperty(nullableNumber()) waitingMedianMs!: number | null;
  @ApiProperty(nullableNumber()) handoverMedianMs!: number | null;
  @ApiProperty(nullableNumber('The agreed target')) normAmount!: number | null;
  @ApiProperty({ type: String, nullable: true }) normUnit!: string | null;
  @ApiProperty(nullableNumber()) measured!: number | null;
  @ApiProperty(nullableNumber()) within!: number | null;
  @ApiProperty(nullableNumber('within / measured')) withinNormShare!: number | null;
  @ApiProperty(nullableNumber()) suspendedTasks!: number | null;
  @ApiProperty(nullableNumber()) extendedTasks!: number | null;
  @ApiProperty(nullableNumber('Escalations raised on this step')) escalations!: number | null;
}

export class ScorecardDto {
  @ApiProperty() partnerId!: string;
  @ApiProperty() filter!: KpiFilterDto;
  @ApiProperty({ type: [ScorecardStepDto] }) steps!: ScorecardStepDto[];
}
