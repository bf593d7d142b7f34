import { GraphQLError } from 'graphql';
import { builder, type Upload } from './builder.js';

builder.scalarType('DateTime', {
  description: 'An ISO-8601 instant in UTC, e.g. 2026-11-24T10:21:50.123Z.',
  // domain objects carry instants as ISO-8601 strings already (src/modules/types.ts): no parse and re-format
  serialize: (value) => (typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : new Date(value as number).toISOString()),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string.', { extensions: { code: 'BAD_USER_INPUT' } });
    return date;
  },
});

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request spec (the Upload that Apollo and urql upload clients send).',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar.');
  },
  parseValue: (value) => {
    // graphql-upload-minimal puts an Upload (with a `promise` of the file) where the variable was.
    const promise = (value as { promise?: unknown } | null)?.promise;
    if (promise instanceof Promise) return promise as Promise<Upload>;
    throw new GraphQLError('Expected a file sent as a multipart request (GraphQL multipart request spec).', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});
