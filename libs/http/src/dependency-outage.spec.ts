import { isDependencyOutage } from './dependency-outage';

const withCode = (code: unknown, message = 'failed') => Object.assign(new Error(message), { code });

describe('dependency outage', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['an admin shutdown (57P01) wrapped by TypeORM', { driverError: withCode('57P01') }],
    ['a server that cannot connect now (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['Temporal unreachable, in a cause chain', new Error('x', { cause: withCode(14) })],
  ])('recognises %s', (_name, error) => {
    expect(isDependencyOutage(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['an invalid text representation', { driverError: withCode('22P02') }],
    ['a programming error', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
  ])('does not mistake %s for one', (_name, error) => {
    expect(isDependencyOutage(error)).toBe(false);
  });
});
