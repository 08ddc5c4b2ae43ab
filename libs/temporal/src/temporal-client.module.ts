import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { EnvironmentVariables, payloadCodecKeyring } from '@schakel/config';
import { encryptedDataConverter } from './codec/data-converter';
import { EncryptionCodec } from './codec/encryption.codec';
import { temporalAddress } from './temporal-address';
import { TemporalProbe } from './temporal-probe';

/** Owns the lazily opened connection so the API can boot (and report unready) while Temporal is down. */
@Injectable()
export class TemporalConnection implements OnApplicationShutdown {
  readonly connection: Connection;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
    this.connection = Connection.lazy({ address: temporalAddress(env) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    TemporalConnection,
    TemporalProbe,
    {
      provide: EncryptionCodec,
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => new EncryptionCodec(payloadCodecKeyring(env)),
    },
    {
      provide: Client,
      inject: [TemporalConnection, EnvironmentVariables],
      useFactory: ({ connection }: TemporalConnection, env: EnvironmentVariables) =>
        new Client({
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          dataConverter: encryptedDataConverter(payloadCodecKeyring(env)),
        }),
    },
  ],
  exports: [TemporalConnection, TemporalProbe, Client, EncryptionCodec],
})
export class TemporalClientModule {}
