import { Identity1764200000000 } from './1764200000000-identity';

/** Listed explicitly (not globbed) so the same list works from TypeScript sources and compiled output. */
export const MIGRATIONS = [Identity1764200000000];
