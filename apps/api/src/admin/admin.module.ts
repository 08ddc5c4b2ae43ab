import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/** Onboarding: organisations, people and their chain-scoped roles. */
@Module({
  imports: [CasesModule],
  controllers: [OrganisationsController, PeopleController],
  providers: [OrganisationsService, PeopleService],
  exports: [PeopleService],
})
export class AdminModule {}
