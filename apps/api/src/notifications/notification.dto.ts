import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { NotificationEntity } from '@schakel/database';

export const MAX_PAGE_SIZE = 100;

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'task.assigned' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The task it is about (open it at /app/tasks/{taskId}); null when about no task',
  })
  taskId!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'Whether that task is still open at your organisation; false once it was completed, cancelled or handed elsewhere',
  })
  taskIsYours!: boolean | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'All unread notifications of the caller, not just this page' })
  unreadCount!: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications were newly marked read' }) marked!: number;
}

/** The notification's task id, when the fan-out found one. */
export function taskIdOf(notification: NotificationEntity): string | null {
  const { taskId } = notification.payload;
  return typeof taskId === 'string' ? taskId : null;
}

export function toNotificationDto(
  notification: NotificationEntity,
  taskIsYours: boolean | null,
): NotificationDto {
  const { id, kind, title, body, caseId, payload, createdAt, readAt } = notification;
  return {
    id,
    kind,
    title,
    body,
    caseId,
    taskId: taskIdOf(notification),
    taskIsYours,
    payload,
    createdAt,
    readAt,
  };
}
