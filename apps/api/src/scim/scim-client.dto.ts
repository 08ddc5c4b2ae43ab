import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateScimClientDto {
  @ApiProperty({ example: 'Entra ID gemeente Middenstad' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: ['gemeente'],
    description: 'The organisations it may provision people for',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9-]*$/, {
    each: true,
    message: 'each organisationIds entry must be an organisation id',
  })
  organisationIds!: string[];
}

export class ScimClientDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) organisationIds!: string[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class IssuedScimClientDto extends ScimClientDto {
  @ApiProperty({ description: 'The bearer token, shown only now; stored as its SHA-256' })
  token!: string;
}
