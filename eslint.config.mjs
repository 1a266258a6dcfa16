// Flat ESLint config for the whole workspace. Module boundaries are enforced with real tags:
// apps never import apps (Nx forbids it outright), a service never imports another service's
// code (scope), and contracts depend on nothing but validation.
import { createRequire } from 'node:module';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * I/O behind repositories (issue 17): a TypeORM `DataSource`, `EntityManager` or `Repository` is
 * injected only into a `*.repository.ts` (a use case that needs a transaction receives the
 * `EntityManager` as a method argument, last). Also allowed: module wiring (`*.module.ts`),
 * migrations, tests and their harnesses, and the libraries that are themselves the persistence
 * layer (`libs/persistence`; `libs/messaging`, whose outbox, inbox and dead-letter tables are its
 * own aggregates).
 */
const ioOutsideRepository = 'I/O goes behind a *.repository.ts: inject the repository instead';
const repositoryOnly = {
  'no-restricted-syntax': [
    'error',
    {
      selector:
        'Decorator > CallExpression[callee.name=/^Inject(DataSource|EntityManager|Repository)$/]',
      message: `${ioOutsideRepository} (no @InjectDataSource/@InjectEntityManager/@InjectRepository here).`,
    },
    {
      selector:
        "MethodDefinition[kind='constructor'] TSTypeReference[typeName.name=/^(DataSource|EntityManager)$/]",
      message: `${ioOutsideRepository} (no DataSource or EntityManager in this constructor).`,
    },
  ],
};
const repositoryOnlyAllowed = [
  '**/*.repository.ts',
  '**/*.module.ts',
  '**/migrations/**',
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  'test/**',
  'libs/testing/**',
  'libs/persistence/**',
  'libs/messaging/**',
];

// Every app: the gateway and the services of tools/launcher/services.json.
const apps = createRequire(import.meta.url)('./tools/launcher/services.json');
const services = [apps.gateway.name, ...apps.services.map((s) => s.name)];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.data',
      '**/.nx',
      'tools/**/*.mjs',
      '**/*.js',
      'apps/portal/web/vite.config.mjs',
      'apps/portal/src/gateway/gateway-api.ts',
      'apps/*/src/openapi-metadata.ts',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              allowedExternalImports: ['class-validator', 'class-transformer', 'reflect-metadata'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...services.map((s) => ({
              sourceTag: `scope:${s}`,
              onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      // Class properties keep their annotation: decorator metadata (config, DTOs) needs it.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    // The portal's single-page app (React, its own tsconfig): the same type-aware rules, plus
    // the rules of hooks.
    files: ['apps/portal/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: repositoryOnlyAllowed,
    rules: repositoryOnly,
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
