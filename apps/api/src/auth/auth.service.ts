import { Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import { UserRepository } from '@schakel/database';
import { passwordMatches, TokenService, type AuthenticatedUser } from '@schakel/identity';
import type { TokenDto } from './login.dto';

@Injectable()
export class AuthService {
  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
  ) {}

  /** Password sign-in exists for the seeded demo users only: production signs in through OIDC. */
  async login(username: string, password: string): Promise<TokenDto> {
    if (this.env.NODE_ENV === 'production' || this.tokens.usesOidc) {
      throw new NotFoundException(
        'Password sign-in is not available here; sign in through your identity provider',
      );
    }
    const user = await this.users.findWithPasswordHash(username);
    if (
      !user?.passwordHash ||
      !(await passwordMatches(password, user.passwordHash)) ||
      !user.active
    ) {
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    return { ...(await this.tokens.issue(user)), tokenType: 'Bearer' };
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.users.revokeTokens(user.id);
  }
}
