export * from './smoke.contract';
