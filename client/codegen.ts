import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The client's typed documents (src/documents.ts) compiled against the server's schema into src/gql/:
 * `npm run codegen` (at the root, or here) after either changes; test/client-codegen-drift.test.ts
 * fails when the committed output is stale. String documents (TypedDocumentString): the client sends
 * text over fetch and graphql-ws and needs no GraphQL parser at run time.
 */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        importExtension: '.js',
        useTypeImports: true,
        scalars: { DateTime: 'string', File: 'Blob', ID: 'string' },
        enumsAsTypes: true,
      },
    },
  },
};

export default config;
