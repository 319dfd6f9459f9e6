export { checkDefinition, type CheckedDefinition } from './checkDefinition.js';
