import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
