/**
 * The op table as build.ts (and so the algebra the ops' gradient rules use) sees it. op-table.ts
 * imports every op and registers itself here when it loads; build.ts reads through this module
 * instead of importing the table, which would close a cycle (table -> ops -> algebra -> build
 * -> table). Every entry point that builds formulas also imports the table (lower.ts, grad.ts,
 * print.ts), so it is registered before any formula is built.
 */
import type { OpSpec } from './op-spec.js';
export declare function registerOpTable(find: (name: string) => OpSpec): void;
/** The spec of an op (ValueError from the table for an unknown name). */
export declare function registeredOpSpec(name: string): OpSpec;
