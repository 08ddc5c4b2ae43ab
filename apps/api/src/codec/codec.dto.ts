import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsObject,
  IsOptional,
  ValidateBy,
  ValidateNested,
  isBase64,
  type ValidationOptions,
} from 'class-validator';

/** Payloads per request: Temporal UI sends one event's payloads, the CLI one history page's. */
export const MAX_CODEC_PAYLOADS = 10_000;

/** A metadata map as Temporal's JSON mapping of `map<string, bytes>` has it: base64 values. */
function IsBase64Map(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBase64Map',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((entry) => typeof entry === 'string' && isBase64(entry)),
        defaultMessage: () => 'metadata values must be base64 strings',
      },
    },
    options,
  );
}

/** One `temporal.api.common.v1.Payload` in protobuf JSON: bytes as base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: { encoding: 'anNvbi9wbGFpbg==' },
  })
  @IsOptional()
  @IsObject()
  @IsBase64Map()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', example: 'eyJwaW5nIjp0cnVlfQ==' })
  @IsOptional()
  @IsBase64()
  data?: string;
}

/** The body of Temporal's remote codec protocol, request and response alike. */
export class CodecPayloadsDto {
  @ApiPropertyOptional({
    type: [CodecPayloadDto],
    description: 'Left out when there are none, as protobuf JSON does (`{}`)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CODEC_PAYLOADS)
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads?: CodecPayloadDto[];
}
