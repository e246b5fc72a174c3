export type * from './presentation';
