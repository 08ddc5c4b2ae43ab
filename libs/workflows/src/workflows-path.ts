/** Resolved next to this file, so it points at sources under ts-node/Jest and at .js in compiled output. */
export const WORKFLOWS_PATH = require.resolve('./workflows');
