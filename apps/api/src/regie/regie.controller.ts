import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent, UuidPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { TransitionDto } from '../cases/case.dto';
import {
  AgreementDto,
  CloseCaseDto,
  EscalationDetailDto,
  EscalationPageDto,
  EscalationQueryDto,
  ExtendDto,
  ReasonDto,
  ReassignDto,
  SuspendDto,
} from './regie.dto';
import { RegieService } from './regie.service';

@ApiTags('regie (escalations and interventions)')
@ApiBearerAuth()
@Controller()
export class RegieController {
  constructor(private readonly regie: RegieService) {}

  @Get('escalations')
  @Roles('regisseur', 'operations')
  @ApiOperation({
    summary: 'The escalation queue (open, by level and age) or its history (resolved)',
  })
  @ApiOkResponse({ type: EscalationPageDto })
  queue(
    @Query() query: EscalationQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EscalationPageDto> {
    return this.regie.queue(query, user);
  }

  @Get('escalations/:escalationId')
  @Roles('regisseur', 'operations')
  @ApiOperation({
    summary: "An escalation with the case's process data, its escalation history and timeline",
  })
  @ApiOkResponse({ type: EscalationDetailDto })
  detail(
    @Param('escalationId') id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EscalationDetailDto> {
    return this.regie.detail(id, user);
  }

  @Post('escalations/:escalationId/resolve')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Resolve the escalation with the resolution (409 when already resolved)',
  })
  @ApiOkResponse({ type: TransitionDto })
  resolve(
    @Param('escalationId') id: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.onEscalation(id, 'resolve', body.reason, user, key);
  }

  @Post('escalations/:escalationId/escalate')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Escalate to the next level of the ladder now' })
  @ApiOkResponse({ type: TransitionDto })
  escalate(
    @Param('escalationId') id: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.onEscalation(id, 'escalate', body.reason, user, key);
  }

  @Post('escalations/:escalationId/de-escalate')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Bring the escalation back one level' })
  @ApiOkResponse({ type: TransitionDto })
  deEscalate(
    @Param('escalationId') id: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.onEscalation(id, 'de-escalate', body.reason, user, key);
  }

  @Post('cases/:caseId/tasks/:taskKey/reassign')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Reassign a task to another partner the model allows, or to a named caseworker',
  })
  @ApiOkResponse({ type: TransitionDto })
  reassign(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: ReassignDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.reassign(caseId, taskKey, body, body.reason, user, key);
  }

  @Post('cases/:caseId/tasks/:taskKey/extend')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      "Extend the task's due date (norm must be extendable; the escalation threshold moves along)",
  })
  @ApiOkResponse({ type: TransitionDto })
  extend(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: ExtendDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(
      caseId,
      { action: 'extend', taskKey, dueAt: body.dueAt },
      body.reason,
      user,
      key,
    );
  }

  @Post('cases/:caseId/tasks/:taskKey/suspend')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: "Suspend the task's clocks while waiting for the client or another partner",
  })
  @ApiOkResponse({ type: TransitionDto })
  suspend(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: SuspendDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(
      caseId,
      { action: 'suspend', taskKey, waitingFor: body.waitingFor },
      body.reason,
      user,
      key,
    );
  }

  @Post('cases/:caseId/tasks/:taskKey/resume')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Resume suspended clocks; due dates move out by the paused time' })
  @ApiOkResponse({ type: TransitionDto })
  resume(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'resume', taskKey }, body.reason, user, key);
  }

  @Post('cases/:caseId/tasks/:taskKey/remind')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Send the holding organisation (and assignee) a reminder' })
  @ApiOkResponse({ type: TransitionDto })
  remind(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'remind', taskKey }, body.reason, user, key);
  }

  @Post('cases/:caseId/tasks/:taskKey/skip')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: "Skip the step with justification; the case moves on with the step's skip outcome",
  })
  @ApiOkResponse({ type: TransitionDto })
  skip(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('taskKey') taskKey: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'skip', taskKey }, body.reason, user, key);
  }

  @Post('cases/:caseId/steps/:stepId/reopen')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Reopen a completed step; what followed it is cancelled' })
  @ApiOkResponse({ type: TransitionDto })
  reopen(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Param('stepId') stepId: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'reopen', stepId }, body.reason, user, key);
  }

  @Post('cases/:caseId/extend')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      "Extend the case norm's due date (the case norm must be extendable; its escalation threshold moves along)",
  })
  @ApiOkResponse({ type: TransitionDto })
  extendCase(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: ExtendDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'extend', dueAt: body.dueAt }, body.reason, user, key);
  }

  @Post('cases/:caseId/suspend')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: "Suspend the case norm's clock while the case waits for the client or a partner",
  })
  @ApiOkResponse({ type: TransitionDto })
  suspendCase(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: SuspendDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(
      caseId,
      { action: 'suspend', waitingFor: body.waitingFor },
      body.reason,
      user,
      key,
    );
  }

  @Post('cases/:caseId/resume')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: "Resume the case norm's clock; its due date moves out by the paused time",
  })
  @ApiOkResponse({ type: TransitionDto })
  resumeCase(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'resume' }, body.reason, user, key);
  }

  @Post('cases/:caseId/close')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: "Close the case at one of the model's end states" })
  @ApiOkResponse({ type: TransitionDto })
  close(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: CloseCaseDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(caseId, { action: 'close', endId: body.endId }, body.reason, user, key);
  }

  @Post('cases/:caseId/agreements')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Record an agreement made with the partners (optionally about an escalation)',
  })
  @ApiOkResponse({ type: TransitionDto })
  agreement(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: AgreementDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.regie.act(
      caseId,
      { action: 'record-agreement', escalationId: body.escalationId },
      body.reason,
      user,
      key,
    );
  }
}
