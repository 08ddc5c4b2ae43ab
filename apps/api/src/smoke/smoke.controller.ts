import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MaxLength, MinLength } from 'class-validator';
import { IsText } from '@schakel/http';
import type { SmokeResult } from '@schakel/contracts';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { SmokeService } from './smoke.service';

export class SmokeRequestDto {
  @ApiProperty({ example: 'ping' })
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  message!: string;
}

export class SmokeResultDto implements SmokeResult {
  @ApiProperty() message!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'Identity of the worker process that ran the activity' })
  handledBy!: string;
  @ApiProperty({ description: 'Database clock as read by the activity' })
  databaseTime!: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/smoke')
export class SmokeController {
  constructor(private readonly smoke: SmokeService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the smoke workflow: API → Temporal → worker → PostgreSQL and back',
  })
  @ApiOkResponse({ type: SmokeResultDto })
  run(@Body() body: SmokeRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<SmokeResult> {
    return this.smoke.run(body.message, user.username);
  }
}
