import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { authenticator } from 'otplib';
import {
  EnvironmentVariables,
  localAccountsOn,
  oidcProviders,
  openText,
  sealText,
  storedSecretKeyring,
  type Keyring,
} from '@schakel/config';
import { LoginFailureRepository, UserRepository, type UserEntity } from '@schakel/database';
import {
  hashPassword,
  passwordMatches,
  TokenService,
  type AuthenticatedUser,
} from '@schakel/identity';
import type { SignInOptionsDto, TokenDto, TotpEnrolmentDto } from './login.dto';

/** 429 for a throttled sign-in; the controller turns `retryAfterSeconds` into `Retry-After`. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const TOTP_ISSUER = 'Schakel';
const TOTP_STEP_MS = 30_000;
/** RFC 6238 defaults (SHA-1, 6 digits, 30 s), accepting one step either side for clocks that drift. */
const totp = authenticator.clone({ window: 1 });

export interface Credentials {
  username: string;
  password: string;
  code?: string;
  address: string;
}

@Injectable()
export class AuthService {
  /** Compared against when the username is unknown, so both answers take the same bcrypt time. */
  private readonly dummyHash = hashPassword('no-such-account-only-for-timing');
  /** TOTP secrets are stored sealed under STORED_SECRET_KEYS. */
  private readonly secrets: Keyring;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailureRepository,
  ) {
    this.secrets = storedSecretKeyring(env);
  }

  /** Password sign-in, and the providers the console may send people to (those with a client id). */
  signInOptions(): SignInOptionsDto {
    return {
      localAccounts: localAccountsOn(this.env),
      providers: oidcProviders(this.env).flatMap(({ id, name, issuer, clientId, scope }) =>
        clientId ? [{ id, name, issuer, clientId, scope }] : [],
      ),
    };
  }

  private get totpRequired(): boolean {
    const setting = this.env.AUTH_LOCAL_TOTP_REQUIRED;
    return setting === 'true' || (setting === 'auto' && this.env.NODE_ENV === 'production');
  }

  /**
   * Password sign-in for local accounts (where AUTH_LOCAL_ACCOUNTS offers them), with the TOTP code where the account
   * enrolled one or the deployment requires it (production by default).
   */
  async login(credentials: Credentials): Promise<TokenDto> {
    const user = await this.checkPassword(credentials);
    if (user.totpEnabledAt) {
      await this.checkCode(user, credentials);
    } else if (this.totpRequired) {
      throw new ForbiddenException(
        'This account needs a second factor first: POST /auth/totp/enrol, then /auth/totp/confirm',
      );
    }
    await this.failures.clear(accountKey(credentials.username));
    return { ...(await this.tokens.issue(user)), tokenType: 'Bearer' };
  }

  /** A new TOTP secret for the account (pending until confirmed); 409 once one is confirmed. */
  async enrolTotp(credentials: Credentials): Promise<TotpEnrolmentDto> {
    const user = await this.checkPassword(credentials);
    const secret = totp.generateSecret(20);
    if (!(await this.users.startTotp(user.id, sealText(this.secrets, secret)))) {
      throw new ConflictException('This account already has a second factor');
    }
    return {
      secret,
      otpauthUri: totp.keyuri(user.username, TOTP_ISSUER, secret),
    };
  }

  /** The first code from the authenticator app confirms the secret; sign-in needs codes from now on. */
  async confirmTotp(credentials: Credentials): Promise<void> {
    const user = await this.checkPassword(credentials);
    if (user.totpEnabledAt || !user.totpSecret) {
      throw new ConflictException(
        user.totpEnabledAt
          ? 'This account already has a second factor'
          : 'Enrol first: POST /auth/totp/enrol',
      );
    }
    await this.users.confirmTotp(user.id, await this.codeStep(user, credentials));
    await this.failures.clear(accountKey(credentials.username));
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.users.revokeTokens(user.id);
  }

  /**
   * The account, when the password matches. An unknown username, a wrong password and a
   * deactivated account get the same answer after the same bcrypt work; failures are counted per
   * username and per address, and past the limit the answer is 429.
   */
  private async checkPassword(credentials: Credentials): Promise<UserEntity> {
    if (!localAccountsOn(this.env)) {
      throw new NotFoundException(
        'Password sign-in is not available here; sign in through your identity provider',
      );
    }
    const keys = [accountKey(credentials.username), `address:${credentials.address}`];
    const wait = await this.failures.retryAfter(keys);
    if (wait > 0) throw new LoginThrottledException(wait);
    const user = await this.users.findWithPasswordHash(credentials.username);
    const matches = await passwordMatches(
      credentials.password,
      user?.passwordHash ?? (await this.dummyHash),
    );
    if (!user?.passwordHash || !matches || !user.active) {
      throw await this.failed(credentials, 'Unknown username or wrong password');
    }
    return user;
  }

  private async checkCode(user: UserEntity, credentials: Credentials): Promise<void> {
    const step = await this.codeStep(user, credentials);
    if (!(await this.users.useTotpStep(user.id, step))) {
      throw await this.failed(credentials, 'This one-time code was used already');
    }
  }

  /** The time step of a valid code for the account's secret; 401 (counted as a failure) otherwise. */
  private async codeStep(user: UserEntity, credentials: Credentials): Promise<number> {
    const delta = credentials.code
      ? totp.checkDelta(credentials.code, openText(this.secrets, user.totpSecret as string))
      : null;
    if (delta === null) {
      throw await this.failed(credentials, 'A valid one-time code (code) is required');
    }
    return Math.floor(Date.now() / TOTP_STEP_MS) + delta;
  }

  private async failed(credentials: Credentials, message: string): Promise<UnauthorizedException> {
    const window = this.env.AUTH_LOGIN_WINDOW_SECONDS;
    await this.failures.recordFailure(
      accountKey(credentials.username),
      this.env.AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      window,
    );
    await this.failures.recordFailure(
      `address:${credentials.address}`,
      this.env.AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS,
      window,
    );
    return new UnauthorizedException(message);
  }
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
