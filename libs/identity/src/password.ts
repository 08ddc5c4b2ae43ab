import { compare, hash } from 'bcryptjs';

const COST = 10;

export const hashPassword = (password: string): Promise<string> => hash(password, COST);
export const passwordMatches = (password: string, passwordHash: string): Promise<boolean> =>
  compare(password, passwordHash);
