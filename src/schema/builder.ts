import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import type PrismaTypes from '../db/generated/pothos-types.js';
import { getDatamodel } from '../db/generated/pothos-types.js';
import type { GraphQLContext } from './context.js';

/** The schema builder: configuration only; each type lives in its own file. */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    DateTime: { Input: Date; Output: string | Date };
    File: { Input: Promise<Upload>; Output: never };
  };
}>({
  plugins: [PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
});

/**
 * For a field whose value is the same whoever looks (it reads no viewer): subscription events that
 * select only such fields are rendered once for everyone (src/server/subscription-fanout.ts). A field
 * without it is rendered per viewer: the safe default.
 */
export const shareable = { extensions: { shareable: true } } as const;

/** What graphql-upload-minimal resolves a multipart file variable to. */
export interface Upload {
  filename: string;
  mimetype: string;
  encoding: string;
  createReadStream(): NodeJS.ReadableStream;
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
