import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import { LoginFailureRepository, UserRepository } from '@schakel/database';
import {
  hashPassword,
  passwordMatches,
  TokenService,
  type AuthenticatedUser,
} from '@schakel/identity';
import type { TokenDto } from './login.dto';

/** 429 for a throttled sign-in; the controller turns `retryAfterSeconds` into `Retry-After`. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AuthService {
  /** Compared against when the username is unknown, so both answers take the same bcrypt time. */
  private readonly dummyHash = hashPassword('no-such-account-only-for-timing');

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailureRepository,
  ) {}

  /**
   * Password sign-in for local accounts (not in production or with OIDC). An unknown username, a
   * wrong password and a deactivated account get the same answer after the same bcrypt work;
   * failures are counted per username and per address, and past the limit the answer is 429.
   */
  async login(username: string, password: string, address: string): Promise<TokenDto> {
    if (this.env.NODE_ENV === 'production' || this.tokens.usesOidc) {
      throw new NotFoundException(
        'Password sign-in is not available here; sign in through your identity provider',
      );
    }
    const account = `account:${username.toLowerCase()}`;
    const keys = [account, `address:${address}`];
    const wait = await this.failures.retryAfter(keys);
    if (wait > 0) throw new LoginThrottledException(wait);

    const user = await this.users.findWithPasswordHash(username);
    const matches = await passwordMatches(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user?.passwordHash || !matches || !user.active) {
      await this.failures.recordFailure(
        account,
        this.env.AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT,
        this.env.AUTH_LOGIN_WINDOW_SECONDS,
      );
      await this.failures.recordFailure(
        keys[1],
        this.env.AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS,
        this.env.AUTH_LOGIN_WINDOW_SECONDS,
      );
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    await this.failures.clear(account);
    return { ...(await this.tokens.issue(user)), tokenType: 'Bearer' };
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.users.revokeTokens(user.id);
  }
}
