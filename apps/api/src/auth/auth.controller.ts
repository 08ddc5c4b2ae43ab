import { applyDecorators, Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public, type AuthenticatedUser } from '@schakel/identity';
import type { Request, Response } from 'express';
import { AuthService, LoginThrottledException, type Credentials } from './auth.service';
import {
  CurrentUserDto,
  LoginDto,
  SignInOptionsDto,
  TokenDto,
  TotpEnrolmentDto,
} from './login.dto';

/** What checking a username, password and code can answer besides success. */
const CredentialAnswers = () =>
  applyDecorators(
    ApiUnauthorizedResponse({ description: 'Wrong username, password or one-time code' }),
    ApiTooManyRequestsResponse({
      description: 'Too many failures; Retry-After says when to retry',
    }),
  );

const credentials = (body: LoginDto, request: Request): Credentials => ({
  ...body,
  address: request.ip ?? 'unknown',
});

/** A throttled sign-in (429) says when to try again. */
async function withRetryAfter<T>(response: Response, answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof LoginThrottledException) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    throw error;
  }
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('providers')
  @ApiOperation({
    summary:
      "How to sign in here: password sign-in or not, and the identity providers with the console's client id at each (read at run time, so one console build serves every deployment)",
  })
  @ApiOkResponse({ type: SignInOptionsDto })
  providers(): SignInOptionsDto {
    return this.auth.signInOptions();
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with a local account (not with OIDC); with `code` where a second factor is enrolled or required; 429 with Retry-After after too many failures',
  })
  @ApiOkResponse({ type: TokenDto })
  @CredentialAnswers()
  login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenDto> {
    return withRetryAfter(response, this.auth.login(credentials(body, request)));
  }

  @Public()
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start a TOTP second factor (RFC 6238) for a local account: the secret to scan',
  })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @CredentialAnswers()
  @ApiConflictResponse({ description: 'The account already has a second factor' })
  enrolTotp(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TotpEnrolmentDto> {
    return withRetryAfter(response, this.auth.enrolTotp(credentials(body, request)));
  }

  @Public()
  @Post('totp/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Confirm the second factor with a first code; sign-in needs codes from now on',
  })
  @CredentialAnswers()
  @ApiConflictResponse({ description: 'No enrolment to confirm' })
  confirmTotp(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return withRetryAfter(response, this.auth.confirmTotp(credentials(body, request)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token issued to you so far stops working at once' })
  logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.auth.logout(user);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who you are signed in as: role and organisation' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserDto {
    return user;
  }
}
