import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, environmentOrExit } from '@schakel/config';
import { DatabaseModule, migrate, UserRepository } from '@schakel/database';
import { hashPassword } from '@schakel/identity';
import { PASSWORD_MAX, PASSWORD_MIN } from './admin/admin.dto';

@Module({ imports: [ConfigModule, DatabaseModule] })
class AdminCliModule {}

const USAGE = `Usage: npm run admin -- create-admin <username> [--password-stdin]

Creates the first platform admin on the database in DATABASE_URL (production included, where the
demo seed does not run). Without --password-stdin a random password is generated and printed once.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `create-admin <username>`: a platform admin with a local password; refuses an existing username. */
async function main(args: string[]): Promise<number> {
  const [command, username, ...flags] = args;
  if (
    command !== 'create-admin' ||
    !username ||
    flags.some((flag) => flag !== '--password-stdin')
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const fromStdin = flags.includes('--password-stdin');
  const password = fromStdin ? await readStdin() : randomBytes(18).toString('base64url');
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    process.stderr.write(`The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters\n`);
    return 2;
  }
  const env = environmentOrExit();
  await migrate(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error'] });
  try {
    const created = await app
      .get(UserRepository)
      .create(
        { username, displayName: username, passwordHash: await hashPassword(password) },
        [{ role: 'admin', organisationId: null, chainId: null }],
        null,
      );
    if (!created) {
      process.stderr.write(`The username '${username}' is taken; nothing was changed\n`);
      return 1;
    }
    process.stdout.write(
      fromStdin
        ? `Created platform admin '${username}'\n`
        : `Created platform admin '${username}' with password (shown once): ${password}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    new Logger('admin').error(error);
    process.exit(1);
  },
);
