import { Module } from '@nestjs/common';
import { CaseFlagsController } from './case-flags.controller';
import { CaseFlagsService } from './case-flags.service';

@Module({ controllers: [CaseFlagsController], providers: [CaseFlagsService] })
export class CaseFlagsModule {}
