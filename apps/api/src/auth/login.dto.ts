import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'gemeente.medewerker' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({ example: 'schakel-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
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
