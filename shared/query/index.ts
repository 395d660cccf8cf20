export * from './ast.js';
export { parseField, parseQuery } from './parse.js';
export { QueryError } from './queryError.js';
export { formatQuery } from './format.js';
