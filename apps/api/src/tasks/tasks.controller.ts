import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent, UuidPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { TransitionDto } from '../cases/case.dto';
import { ReasonDto } from '../regie/regie.dto';
import {
  AssignTaskDto,
  CompleteTaskDto,
  InboxPageDto,
  InboxQueryDto,
  ReturnTaskDto,
  TaskDetailDto,
} from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks (caseworker inbox)')
@ApiBearerAuth()
@Roles('caseworker')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary:
      "Your organisation's open tasks: all, yours or unassigned; filtered, sorted, cursor-paged",
  })
  @ApiOkResponse({ type: InboxPageDto })
  inbox(
    @Query() query: InboxQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<InboxPageDto> {
    return this.tasks.inbox(user, query);
  }

  @Get(':taskId')
  @ApiOperation({
    summary:
      'A task with its step (instructions, outcomes, form) and the case as far as the step may see it',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  detail(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskDetailDto> {
    return this.tasks.detail(taskId, user);
  }

  @Post(':taskId/claim')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Take the task (409 when a colleague has it)' })
  @ApiOkResponse({ type: TransitionDto })
  claim(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.claim(taskId, user, key);
  }

  @Post(':taskId/unclaim')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Give the task back to the organisation' })
  @ApiOkResponse({ type: TransitionDto })
  unclaim(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.unclaim(taskId, user, key);
  }

  @Post(':taskId/assign')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Assign the task to a colleague in your organisation' })
  @ApiOkResponse({ type: TransitionDto })
  assign(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @Body() body: AssignTaskDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.assign(taskId, body.assigneeId, user, key);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Complete with an outcome and the handover data; the case moves on as the model says (409 not open, 422 invalid)',
  })
  @ApiOkResponse({ type: TransitionDto })
  complete(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.complete(taskId, body.outcome, body.data, user, key);
  }

  @Post(':taskId/return')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Return the handover to the partner that sent it, with the reason (read only by both ends of the handover) and an optional category',
  })
  @ApiOkResponse({ type: TransitionDto })
  returnHandover(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @Body() body: ReturnTaskDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.return(taskId, body, user, key);
  }

  @Post(':taskId/disagree')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      "Raise a disagreement with another partner about this task (open or done): a 'partners-disagree' escalation with the reason, in the regisseur's queue",
  })
  @ApiOkResponse({ type: TransitionDto })
  disagree(
    @Param('taskId', new UuidPipe('taskId')) taskId: string,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.tasks.disagree(taskId, body.reason, user, key);
  }
}
