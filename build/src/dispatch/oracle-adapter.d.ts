import type { BackendAdapter } from './backend-adapter.js';
export declare const oracleAdapter: BackendAdapter;
