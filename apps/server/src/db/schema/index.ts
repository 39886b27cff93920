export * from './organisations.js';
export * from './users.js';
export * from './sessions.js';
export * from './audit.js';
export * from './settings.js';
export * from './policy.js';
export * from './registry.js';
export * from './files.js';
