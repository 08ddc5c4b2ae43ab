import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '@schakel/database';
import { PageQueryDto } from '@schakel/http';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ID_MESSAGE = (field: string) => `${field} must be lower-case letters, digits and dashes`;

/** Local passwords: at least 12 characters (NIST SP 800-63B), at most 128. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export class OrganisationDto {
  @ApiProperty({ example: 'gemeente' }) id!: string;
  @ApiProperty({ example: 'Gemeente Utrecht' }) name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) deactivatedAt!: Date | null;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty() total!: number;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'kredietbank', description: 'The partner id reference models use' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('id') })
  @MaxLength(64)
  id!: string;

  @ApiProperty({ example: 'Kredietbank Midden-Nederland' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class RenameOrganisationDto {
  @ApiProperty({ example: 'Kredietbank Midden-Nederland' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class GrantInputDto {
  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({ example: 'gemeente', description: 'Required for caseworker, else absent' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('organisationId') })
  @MaxLength(64)
  organisationId?: string;

  @ApiPropertyOptional({
    example: 'vroegsignalering-schuldhulp',
    description: 'For regisseur, operations, model-owner and admin: the chain; absent: every chain',
  })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('chainId') })
  @MaxLength(64)
  chainId?: string;
}

export class GrantDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: every chain' })
  chainId!: string | null;
}

export class PersonDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) deactivatedAt!: Date | null;
  @ApiProperty({ type: [GrantDto] }) grants!: GrantDto[];
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonDto] }) items!: PersonDto[];
  @ApiProperty() total!: number;
}

export class PeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'gemeente' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('organisationId') })
  @MaxLength(64)
  organisationId?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'j.jansen@gemeente.example' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({ example: 'Jan Jansen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({
    description: `A local password (${PASSWORD_MIN}–${PASSWORD_MAX} characters); absent for people who sign in through OIDC`,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiProperty({ type: [GrantInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantInputDto)
  grants!: GrantInputDto[];
}

export class UpdatePersonDto {
  @ApiPropertyOptional({ example: 'Jan Jansen' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: `A new local password (${PASSWORD_MIN}–${PASSWORD_MAX})` })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;
}

export class DeactivationDto {
  @ApiProperty({ description: 'Tasks released back to their organisation’s pool' })
  releasedTasks!: number;
}
