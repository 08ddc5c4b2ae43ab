import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Idempotent, UuidPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import {
  AddNoteDto,
  CancelCaseDto,
  CaseDto,
  CasePageDto,
  CaseSearchDto,
  OpenCaseDto,
  OpenedCaseDto,
  TimelineEntryDto,
  TransitionDto,
} from './case.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('caseworker', 'regisseur')
  @Idempotent('A retried intake with the same key returns the same case')
  @ApiOperation({
    summary: 'Intake: open a case on the current model version of the chain; its first tasks open',
  })
  @ApiCreatedResponse({ type: OpenedCaseDto })
  open(
    @Body() body: OpenCaseDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<OpenedCaseDto> {
    return this.cases.open(body, user, key);
  }

  @Get()
  @ApiOperation({
    summary:
      'Cases you may know of (caseworkers: those your organisation is involved in), process data only',
  })
  @ApiOkResponse({ type: CasePageDto })
  list(
    @Query() query: CaseSearchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CasePageDto> {
    return this.cases.list(user, query);
  }

  @Get(':caseId')
  @ApiOperation({
    summary: 'A case: process data, and for involved caseworkers the content their steps may see',
  })
  @ApiOkResponse({ type: CaseDto })
  get(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseDto> {
    return this.cases.get(caseId, user);
  }

  @Get(':caseId/timeline')
  @ApiOperation({
    summary:
      'The ordered story of the case, filtered by need-to-know: free text only for its audience, confidential steps of other partners anonymised',
  })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  timeline(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TimelineEntryDto[]> {
    return this.cases.timeline(caseId, user);
  }

  @Post(':caseId/notes')
  @Roles('caseworker')
  @ApiOperation({
    summary:
      "Add a note to the case file: read by the author's organisation and the case partners named in sharedWith",
  })
  @ApiCreatedResponse({ type: TimelineEntryDto })
  addNote(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: AddNoteDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TimelineEntryDto> {
    return this.cases.addNote(caseId, body, user);
  }

  @Post(':caseId/cancel')
  @Roles('regisseur')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Regisseur: cancel the case with a reason; its open tasks close with that reason',
  })
  @ApiOkResponse({ type: TransitionDto })
  cancel(
    @Param('caseId', new UuidPipe('caseId')) caseId: string,
    @Body() body: CancelCaseDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransitionDto> {
    return this.cases.cancel(caseId, body.reason, user, key);
  }
}
