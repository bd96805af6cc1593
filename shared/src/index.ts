export * from './verdict';
export * from './measurement';
export * from './error';
export * from './health';
export * from './challenge';
export * from './score';
export * from './api';
