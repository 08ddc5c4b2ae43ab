import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Idempotent, UuidPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import {
  CreateMigrationPlanDto,
  DryRunDto,
  DryRunRequestDto,
  MigrationPlanDto,
  MigrationRunDetailDto,
  MigrationRunDto,
  StartMigrationRunDto,
} from './migration.dto';
import { MigrationsService } from './migrations.service';

@ApiTags('case migration (running cases to a new model version)')
@ApiBearerAuth()
@Roles('model-owner')
@Controller('models/:chainId')
export class MigrationsController {
  constructor(private readonly migrations: MigrationsService) {}

  @Get('migration-plans')
  @ApiOperation({ summary: "The chain's migration plans, every revision, newest first" })
  @ApiOkResponse({ type: [MigrationPlanDto] })
  listPlans(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationPlanDto[]> {
    return this.migrations.listPlans(chainId, user);
  }

  @Post('migration-plans')
  @ApiOperation({
    summary:
      'Save a plan revision: the mapping generated from the two versions with your edits laid over it, validated',
  })
  @ApiCreatedResponse({ type: MigrationPlanDto })
  @ApiUnprocessableEntityResponse({
    description: 'A version the chain does not have, or not later',
  })
  createPlan(
    @Param('chainId') chainId: string,
    @Body() body: CreateMigrationPlanDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationPlanDto> {
    return this.migrations.createPlan(chainId, body, user);
  }

  @Get('migration-plans/:planId')
  @ApiOperation({ summary: 'A plan revision with its problems' })
  @ApiOkResponse({ type: MigrationPlanDto })
  getPlan(
    @Param('chainId') chainId: string,
    @Param('planId', new UuidPipe('planId')) planId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationPlanDto> {
    return this.migrations.getPlan(chainId, planId, user);
  }

  @Post('migration-plans/:planId/dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dry run: per selected open case, what would happen to each task and its clocks, or why it cannot migrate; nothing changes',
  })
  @ApiOkResponse({ type: DryRunDto })
  dryRun(
    @Param('chainId') chainId: string,
    @Param('planId', new UuidPipe('planId')) planId: string,
    @Body() body: DryRunRequestDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DryRunDto> {
    return this.migrations.dryRun(chainId, planId, body, user);
  }

  @Post('migration-plans/:planId/runs')
  @Idempotent()
  @ApiOperation({
    summary:
      'Migrate the selected open cases in batches, with your reason; a durable run that survives restarts',
  })
  @ApiCreatedResponse({ type: MigrationRunDto })
  @ApiUnprocessableEntityResponse({ description: 'The plan has problems, or selects no case' })
  startRun(
    @Param('chainId') chainId: string,
    @Param('planId', new UuidPipe('planId')) planId: string,
    @Body() body: StartMigrationRunDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationRunDto> {
    return this.migrations.startRun(chainId, planId, body, user);
  }

  @Get('migration-runs')
  @ApiOperation({ summary: "The chain's migration runs with their progress, newest first" })
  @ApiOkResponse({ type: [MigrationRunDto] })
  listRuns(
    @Param('chainId') chainId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationRunDto[]> {
    return this.migrations.listRuns(chainId, user);
  }

  @Get('migration-runs/:runId')
  @ApiOperation({ summary: 'A run: progress, and what became of each case' })
  @ApiOkResponse({ type: MigrationRunDetailDto })
  getRun(
    @Param('chainId') chainId: string,
    @Param('runId', new UuidPipe('runId')) runId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MigrationRunDetailDto> {
    return this.migrations.getRun(chainId, runId, user);
  }
}
