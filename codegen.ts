import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the tests (and a model for clients): `npm run codegen` after schema.graphql changes. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // ESM with NodeNext resolution: relative imports need their `.js` extension.
        importExtension: '.js',
        useTypeImports: true,
        scalars: { DateTime: 'string', File: 'File', ID: 'string' },
        enumsAsTypes: true,
      },
    },
  },
};

export default config;
