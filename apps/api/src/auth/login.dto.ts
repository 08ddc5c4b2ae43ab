import { ApiProperty } from '@nestjs/swagger';
import { MaxLength, MinLength } from 'class-validator';
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
}

export class TokenDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';
}

export class CurrentUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['caseworker', 'regisseur', 'operations', 'admin'] }) role!: string;
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
}
