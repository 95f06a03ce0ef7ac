// @ts-check
import { builtinModules } from 'node:module';

import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];

/** Workflow code must stay deterministic and run in Temporal's sandbox (STYLE 1). */
const workflowRestrictions = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'Node built-ins do not belong in workflow code: use an activity.',
  })),
  patterns: [
    { group: ['node:*'], message: 'Node built-ins do not belong in workflow code: use an activity.' },
    {
      group: [
        '@nestjs/*',
        'typeorm',
        'typeorm/*',
        'pg',
        'pg-*',
        'class-transformer',
        'class-validator',
        'reflect-metadata',
        'express',
      ],
      message: 'Nest, TypeORM, pg and class-validator/transformer do not run in the workflow sandbox.',
    },
    {
      group: [
        '**/activities',
        '**/activities/*',
        '**/apps',
        '**/apps/**',
        '**/libs/persistence',
        '**/libs/persistence/**',
        '**/libs/runtime',
        '**/libs/runtime/**',
        '**/libs/config',
        '**/libs/config/**',
        '**/libs/temporal/temporal-cli',
        '**/libs/temporal/dev-server',
        '**/libs/temporal/ensure-search-attributes',
      ],
      allowTypeImports: true,
      message: 'Workflows import activities (and other I/O code) as types only: `import type`.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'tools/**', '.data/**', 'coverage/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', workflowRestrictions] },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps', '**/apps/**', '**/activities', '**/activities/**', '**/workflows', '**/workflows/**'],
              message:
                'libs/ is shared code: it imports neither apps/, activities/ nor workflows/ (not even their types).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // plain CommonJS: the postinstall script, jest's config and reporter
  },
  {
    // The web application runs in the browser: it imports nothing of the server but the answer schemas' types.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', '**/activities/**', '**/workflows/**', '**/libs/**'],
              allowTypeImports: true,
              message: 'The web application talks to the API over HTTP: it imports server code as types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
