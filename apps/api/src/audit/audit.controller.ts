import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { AuditLogRepository } from '@schakel/database';
import { PageQueryDto } from '@schakel/http';
import { Roles } from '@schakel/identity';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEntryDto {
  @ApiProperty() at!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrganisation!: string | null;
  @ApiProperty() method!: string;
  @ApiProperty({ example: '/cases/:caseId/timeline' }) route!: string;
  @ApiProperty() path!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) caseId!: string | null;
  @ApiProperty() statusCode!: number;
  @ApiProperty({
    description:
      'A reason was given; its free text is read in the case timeline by its audience only',
  })
  reasonGiven!: boolean;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditLogRepository) {}

  @Get()
  @ApiOperation({ summary: 'The audit log: every access and change, newest first (admin)' })
  @ApiOkResponse({ type: AuditPageDto })
  async search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const [rows, total] = await this.audit.search(query);
    return {
      items: rows.map(({ id: _id, reason, reasonGiven, ...entry }) => ({
        ...entry,
        reasonGiven: reasonGiven || reason !== null,
      })),
      total,
    };
  }
}
