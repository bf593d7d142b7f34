import type { Database } from 'better-sqlite3';

export declare const FLOOR_SCHEMA: string;
export declare function applyPragmas(db: Database): void;
