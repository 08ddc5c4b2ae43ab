import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Counts failed sign-ins per key (`account:…`, `address:…`) in a window, and locks a key that exceeds its limit. */
@Injectable()
export class LoginFailureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seconds until every one of these keys is unlocked; 0 when none is locked. */
  async retryAfter(keys: string[]): Promise<number> {
    const [row] = await this.dataSource.query<{ seconds: number | null }[]>(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
       FROM login_failures WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return row?.seconds ?? 0;
  }

  /** One more failure for the key; it locks until the window's end once it reaches `max`. */
  async recordFailure(key: string, max: number, windowSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_failures AS f (key, failures, window_started) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_started < now() - make_interval(secs => $2::float8)
                         THEN 1 ELSE f.failures + 1 END,
         window_started = CASE WHEN f.window_started < now() - make_interval(secs => $2::float8)
                               THEN now() ELSE f.window_started END`,
      [key, windowSeconds],
    );
    await this.dataSource.query(
      `UPDATE login_failures SET locked_until = window_started + make_interval(secs => $3::float8)
       WHERE key = $1 AND failures >= $2::int`,
      [key, max, windowSeconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
