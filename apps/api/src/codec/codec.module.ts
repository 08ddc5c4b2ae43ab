import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

/** The remote codec endpoint for Temporal UI and CLI (TemporalClientModule provides the codec). */
@Module({ controllers: [CodecController], providers: [CodecService] })
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CodecCorsMiddleware)
      .forRoutes(
        { path: 'codec/encode', method: RequestMethod.ALL },
        { path: 'codec/decode', method: RequestMethod.ALL },
      );
  }
}
