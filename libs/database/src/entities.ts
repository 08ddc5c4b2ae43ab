import { OrganisationEntity } from './identity/organisation.entity';
import { UserEntity } from './identity/user.entity';

export const ENTITIES = [OrganisationEntity, UserEntity];
