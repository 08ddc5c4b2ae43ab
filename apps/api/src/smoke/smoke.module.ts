import { Module } from '@nestjs/common';
import { SmokeController } from './smoke.controller';
import { SmokeService } from './smoke.service';

@Module({ controllers: [SmokeController], providers: [SmokeService] })
export class SmokeModule {}
