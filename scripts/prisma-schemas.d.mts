// Types for prisma-schemas.mjs (plain JS so the generator script runs without a TypeScript loader).
export type Provider = 'sqlite' | 'postgres';
export declare const PROVIDERS: readonly Provider[];
/** prisma/<provider>/schema.prisma as generated from the shared models in prisma/models.prisma. */
export declare function renderSchema(provider: Provider, models: string): string;
