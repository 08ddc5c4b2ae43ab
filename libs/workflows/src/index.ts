export * from './workflows-path';
