import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { AdminModule } from '../admin/admin.module';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimClientsController } from './scim-clients.controller';
import { ScimClientsService } from './scim-clients.service';
import { ScimController } from './scim.controller';
import { ScimUsersService } from './scim-users.service';

/** SCIM 2.0 provisioning at /scim/v2 and the admin API that issues its client tokens. */
@Module({
  imports: [IdentityModule, AdminModule],
  controllers: [ScimController, ScimClientsController],
  providers: [ScimUsersService, ScimClientsService, ScimAuthGuard],
})
export class ScimModule {}
