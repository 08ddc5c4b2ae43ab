import { ConfigValidationError, extraHolidays, validateEnvironment } from './app-config';

describe('validateEnvironment', () => {
  it('applies defaults for a bare development environment', () => {
    const config = validateEnvironment({});
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('converts numbers and keeps given values', () => {
    const config = validateEnvironment({ PORT: '8080', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(config.PORT).toBe(8080);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'not a url'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['NORM_WARNING_FRACTION', '2'],
  ])('names %s when it is %p', (variable, value) => {
    expect(() => validateEnvironment({ [variable]: value })).toThrow(
      expect.objectContaining({ message: expect.stringContaining(`${variable}:`) }),
    );
  });

  it('groups decree holidays by year and names a malformed list', () => {
    const config = validateEnvironment({ HOLIDAY_EXTRA_DAYS: '2025-05-30,2030-05-31,2030-12-24' });
    expect(extraHolidays(config)).toEqual({
      2025: ['2025-05-30'],
      2030: ['2030-05-31', '2030-12-24'],
    });
    expect(extraHolidays(validateEnvironment({}))).toEqual({});
    expect(() => validateEnvironment({ HOLIDAY_EXTRA_DAYS: '30-05-2025' })).toThrow(
      /HOLIDAY_EXTRA_DAYS/,
    );
  });

  it('refuses the development secret in production', () => {
    const attempt = () => validateEnvironment({ NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/AUTH_JWT_SECRET/);
  });

  it('accepts production with a strong secret or an OIDC issuer', () => {
    const keys = {
      PAYLOAD_CODEC_KEYS: `prod-1:${Buffer.alloc(32, 7).toString('base64')}`,
      STORED_SECRET_KEYS: `prod-1:${Buffer.alloc(32, 8).toString('base64')}`,
    };
    expect(
      validateEnvironment({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(40), ...keys })
        .NODE_ENV,
    ).toBe('production');
    expect(
      validateEnvironment({
        NODE_ENV: 'production',
        AUTH_OIDC_ISSUER: 'https://id.example.nl',
        ...keys,
      }).AUTH_OIDC_ISSUER,
    ).toBe('https://id.example.nl');
  });

  it('wants the platform secret in production wherever local accounts are offered', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_OIDC_ISSUER: 'https://id.example.nl',
      PAYLOAD_CODEC_KEYS: `prod-1:${Buffer.alloc(32, 7).toString('base64')}`,
      STORED_SECRET_KEYS: `prod-1:${Buffer.alloc(32, 8).toString('base64')}`,
    };
    expect(validateEnvironment(production).AUTH_LOCAL_ACCOUNTS).toBe('auto');
    expect(() => validateEnvironment({ ...production, AUTH_LOCAL_ACCOUNTS: 'true' })).toThrow(
      /AUTH_JWT_SECRET/,
    );
    expect(() => validateEnvironment({ ...production, AUTH_LOCAL_ACCOUNTS: 'sometimes' })).toThrow(
      /AUTH_LOCAL_ACCOUNTS/,
    );
  });

  it('names a malformed list of identity providers', () => {
    expect(() => validateEnvironment({ AUTH_OIDC_PROVIDERS: '[{"id": "x"}]' })).toThrow(
      /AUTH_OIDC_PROVIDERS: \[0\]\.name/,
    );
  });

  it('reports every bad variable at once', () => {
    try {
      validateEnvironment({ PORT: 'x', REDIS_URL: 'y' });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as ConfigValidationError).problems).toHaveLength(2);
    }
  });
});
