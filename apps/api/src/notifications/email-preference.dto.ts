import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { EMAIL_MODES, type EmailMode, type EmailSubscriptionEntity } from '@schakel/database';

export class SaveEmailPreferenceDto {
  @ApiProperty({ example: 'team-schuldhulp@kredietbank.example.nl' })
  @IsEmail({}, { message: 'address must be an e-mail address' })
  @MaxLength(320)
  address!: string;

  @ApiProperty({
    enum: EMAIL_MODES,
    description: 'immediate: one e-mail per notification; daily: one digest a day',
  })
  @IsIn(EMAIL_MODES)
  mode!: EmailMode;
}

export class EmailPreferenceDto {
  @ApiProperty() address!: string;
  @ApiProperty({ enum: EMAIL_MODES }) mode!: EmailMode;
  @ApiProperty() updatedAt!: Date;
}

export function toEmailPreferenceDto(subscription: EmailSubscriptionEntity): EmailPreferenceDto {
  const { address, mode, updatedAt } = subscription;
  return { address, mode, updatedAt };
}
