export * from './expression.types';
export * from './expression-error';
export * from './parse-expression';
export * from './evaluate-expression';
export * from './visit-expression';
