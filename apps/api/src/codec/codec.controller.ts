import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@schakel/identity';
import { CodecPayloadsDto } from './codec.dto';
import { CodecService } from './codec.service';

const NAMESPACE_HEADER = {
  name: 'X-Namespace',
  required: false,
  description: 'Temporal namespace of the payloads; must be the platform namespace when sent',
};

/**
 * Temporal's remote codec endpoint, so an admin can read case histories in Temporal UI or with
 * `temporal --codec-endpoint`: everyone else sees ciphertext only.
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiHeader(NAMESPACE_HEADER)
@ApiForbiddenResponse({ description: 'Not an admin' })
@Roles('admin')
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt payloads with the primary key (Temporal remote codec)' })
  @ApiOkResponse({ type: CodecPayloadsDto })
  encode(
    @Body() body: CodecPayloadsDto,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecPayloadsDto> {
    return this.codec.encode(body, namespace);
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt payloads with any configured key (Temporal remote codec)' })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiUnprocessableEntityResponse({ description: 'A payload under an unknown key, or altered' })
  decode(
    @Body() body: CodecPayloadsDto,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecPayloadsDto> {
    return this.codec.decode(body, namespace);
  }
}
