import { Module } from '@nestjs/common';
import { ModelsController } from './models.controller';
import { ModelSnapshots } from './model-snapshots';
import { ModelsService } from './models.service';

@Module({
  controllers: [ModelsController],
  providers: [ModelsService, ModelSnapshots],
  exports: [ModelsService, ModelSnapshots],
})
export class ModelsModule {}
