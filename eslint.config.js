// `npm run lint`: typescript-eslint (type-aware), import-x (no cycles, layer rules) and
// eslint-plugin-solid. TypeScript itself (`npm run typecheck`) stays the type gate;
// this catches what the compiler does not: cycles, layers, floating promises, Solid
// reactivity mistakes.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

/** Imports a layer may not make: `from` files must not import anything matching `target`. */
const layers = [
  // The database layer is below the HTTP layer: queries never know about requests.
  { target: './worker/db', from: ['./worker/middleware', './worker/routes'], message: 'worker/db must not import middleware or routes' },
  // Pure rules: no I/O, no framework.
  { target: './worker/domain', from: ['./worker/db', './worker/middleware', './worker/routes', './worker/auth'], message: 'worker/domain is pure' },
  // The app shares only the pure rules (and their types) with the Worker.
  {
    target: './app',
    from: ['./worker/db', './worker/middleware', './worker/routes', './worker/auth', './worker/provider', './worker/jobs', './worker/openapi'],
    message: 'the app imports from worker/ only domain (and the AppType)',
  },
  // The operations console (its own build): the contract's types only, never the Worker's code; nothing of the customer app.
  {
    target: './admin',
    from: ['./app', './worker/db', './worker/middleware', './worker/routes', './worker/auth', './worker/provider', './worker/jobs', './worker/openapi'],
    message: 'the console imports from worker/ only contract types and domain',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.wrangler/**', '.tools/**', 'coverage/**', 'test-results/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.serviceworker, ...globals.node },
    },
    plugins: { 'import-x': importX },
    // Relative imports carry no extension (Vite/Bundler resolution): resolve them to .ts/.tsx.
    // import-x must parse the TypeScript it follows, or no-cycle silently sees no edges.
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': ['error', { allow: ['log', 'info', 'error', 'warn'] }],
      eqeqeq: ['error', 'always'],
      // Fakes and handlers implement Promise-returning interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'admin/**/*.{ts,tsx}'],
    ...solid,
    rules: {
      ...solid.rules,
      // Solid assigns `let ref!: HTMLElement` through the JSX `ref` attribute: core ESLint cannot see that.
      'no-unassigned-vars': 'off',
      // Event handlers may be async (onSubmit={save}); Solid ignores their return value.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The typed client needs the Worker's AppType, and only its type: no server code in the bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'worker/index$', allowTypeImports: true, message: 'the app may import only the AppType from the Worker' }] },
      ],
    },
  },
  {
    // The integration suites read answers loosely (`res.json.x`) and hold them to the
    // OpenAPI document instead (tests/integration/openapi-check.ts): every body is
    // validated against the contract's schema before a test reads it.
    files: ['tests/integration/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Hostile inputs are the point of some tests: control characters, rejected IDB requests.
      'no-control-regex': 'off',
      // expect.any(...) and expect.objectContaining(...) are typed `any` by vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // The guard replaces console.error/warn to fail a test on a stray one.
    files: ['tests/shared/console-guard.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain scripts run by npm on Node: not part of the TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
