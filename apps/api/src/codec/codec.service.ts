import {
  BadRequestException,
  Inject,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { EnvironmentVariables } from '@schakel/config';
import { EncryptionCodec, PayloadDecryptionError } from '@schakel/temporal';
import type { CodecPayloadDto, CodecPayloadsDto } from './codec.dto';

function toPayload(dto: CodecPayloadDto): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(dto.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(dto.data ?? '', 'base64'),
  };
}

function toDto(payload: Payload): CodecPayloadDto {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** Temporal's remote codec protocol over the platform's payload codec (the same keys as the worker). */
@Injectable()
export class CodecService {
  constructor(
    @Inject(EncryptionCodec) private readonly codec: EncryptionCodec,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {}

  async encode(body: CodecPayloadsDto, namespace?: string): Promise<CodecPayloadsDto> {
    this.checkNamespace(namespace);
    const encoded = await this.codec.encode((body.payloads ?? []).map(toPayload));
    return { payloads: encoded.map(toDto) };
  }

  async decode(body: CodecPayloadsDto, namespace?: string): Promise<CodecPayloadsDto> {
    this.checkNamespace(namespace);
    try {
      const decoded = await this.codec.decode((body.payloads ?? []).map(toPayload));
      return { payloads: decoded.map(toDto) };
    } catch (error) {
      if (error instanceof PayloadDecryptionError) {
        throw new UnprocessableEntityException(error.message);
      }
      throw error;
    }
  }

  /** The keys belong to the platform's namespace; payloads of another one are not ours to open. */
  private checkNamespace(namespace: string | undefined): void {
    if (namespace !== undefined && namespace !== this.env.TEMPORAL_NAMESPACE) {
      throw new BadRequestException(
        `X-Namespace: this codec serves namespace '${this.env.TEMPORAL_NAMESPACE}', not '${namespace}'`,
      );
    }
  }
}
