import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsText } from '@schakel/http';

export class LoginDto {
  @ApiProperty({ example: 'gemeente.medewerker' })
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({ example: 'schakel-demo' })
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({
    example: '123456',
    description: 'The TOTP code, for accounts with a second factor (and to confirm one)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits of your authenticator app' })
  code?: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'The shared secret (base32), for typing into an authenticator app' })
  secret!: string;

  @ApiProperty({ description: 'otpauth:// URI, for a QR code' })
  otpauthUri!: string;
}

export class TokenDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';
}

export class RoleGrantDto {
  @ApiProperty({ enum: ['caseworker', 'regisseur', 'operations', 'model-owner', 'admin'] })
  role!: string;
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: every chain' })
  chainId!: string | null;
}

export class CurrentUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({
    enum: ['caseworker', 'regisseur', 'operations', 'model-owner', 'admin'],
    description: 'The primary role; `grants` say what you may do where',
  })
  role!: string;
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ type: [RoleGrantDto] }) grants!: RoleGrantDto[];
}
