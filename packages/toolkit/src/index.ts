export { main } from './cli';
export * from './serve/index';
