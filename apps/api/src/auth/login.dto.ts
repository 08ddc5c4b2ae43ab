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

export class IdentityProviderDto {
  @ApiProperty({ example: 'wijkteam', description: 'The provider id of the configuration' })
  id!: string;
  @ApiProperty({ example: 'Wijkteam Noord', description: 'For the sign-in button' })
  name!: string;
  @ApiProperty({ example: 'https://login.wijkteam.example.nl/realms/staff' })
  issuer!: string;
  @ApiProperty({ example: 'schakel-console', description: "The console's client id there" })
  clientId!: string;
  @ApiProperty({ example: 'openid profile email' })
  scope!: string;
}

export class SignInOptionsDto {
  @ApiProperty({ description: 'Whether password sign-in (POST /auth/login) is offered' })
  localAccounts!: boolean;
  @ApiProperty({
    type: [IdentityProviderDto],
    description: 'Identity providers to sign in through (authorization code with PKCE)',
  })
  providers!: IdentityProviderDto[];
}
