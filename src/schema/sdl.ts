import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './index.js';

/** The schema as committed in schema.graphql. */
export function printSchemaSDL(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
