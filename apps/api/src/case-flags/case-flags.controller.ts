import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto, PositiveIntPipe } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { CaseFlagDto, ResolveCaseFlagDto } from './case-flag.dto';
import { CaseFlagsService } from './case-flags.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/case-flags')
export class CaseFlagsController {
  constructor(private readonly flags: CaseFlagsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listCaseFlags',
    summary: 'Open case flags: transitions the read side refused, drift the reconciler found',
  })
  @ApiOkResponse({ type: [CaseFlagDto] })
  list(@Query() page: PageQueryDto): Promise<CaseFlagDto[]> {
    return this.flags.list(page.limit, page.offset);
  }

  @Post(':id/resolve')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'resolveCaseFlag',
    summary: 'Close a flag with a reason; a case whose clocks were held resumes them',
  })
  @ApiNoContentResponse()
  resolve(
    @Param('id', new PositiveIntPipe('id')) id: number,
    @Body() body: ResolveCaseFlagDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.flags.resolve(String(id), body.reason, user);
  }
}
