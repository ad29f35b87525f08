// `npm run lint`: typescript-eslint (type-aware), import-x (no cycles, layer rules) and
// eslint-plugin-solid. TypeScript itself (`npm run typecheck`) stays the type gate;
// this catches what the compiler does not: cycles, layers, floating promises, Solid
// reactivity mistakes.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

/**
 * Layers as allow-lists: what each folder (or file) MAY import; anything else is an error.
 * `import-x/no-restricted-paths` zones: `from` a root, `except` the allowed paths under it.
 * Type imports count too (a type import is a dependency a reader must follow).
 */
export const WORKER = {
  domain: ['domain'],
  contract: ['contract', 'domain'],
  'env.ts': ['env.ts', 'domain', 'contract'],
  auth: ['auth', 'domain', 'contract', 'env.ts'],
  provider: ['provider', 'domain', 'env.ts'],
  push: ['push', 'domain', 'contract', 'env.ts'],
  'deps.ts': ['deps.ts', 'env.ts', 'provider', 'push'],
  db: ['db', 'domain', 'contract', 'auth', 'env.ts', 'deps.ts'],
  writes: ['writes', 'db', 'domain', 'contract', 'auth', 'env.ts', 'deps.ts', 'provider', 'push'],
  jobs: ['jobs', 'writes', 'db', 'domain', 'contract', 'env.ts', 'deps.ts', 'provider', 'push'],
  'app-env.ts': ['app-env.ts', 'writes', 'db', 'domain', 'auth', 'env.ts', 'deps.ts', 'push'],
  middleware: ['middleware', 'writes', 'db', 'domain', 'contract', 'auth', 'env.ts', 'deps.ts', 'app-env.ts', 'push'],
  routes: ['routes', 'middleware', 'writes', 'db', 'domain', 'contract', 'auth', 'env.ts', 'app-env.ts'],
};
// The app's layers, bottom up (ADR 115): i18n and lib know nothing of the offline layer, state or
// screens; ui (the small parts screens are built of) and first-paint (what paints before and
// while the app starts) know only lib and the words; offline knows no state or screens; state
// knows no screens (but mounts the notices it drives: state/sync.ts loads
// components/shell/LaterNotices.tsx once, after the first paint); components/ are the features.
export const APP = {
  i18n: ['i18n'],
  lib: ['lib', 'i18n'],
  ui: ['ui', 'lib', 'i18n'],
  'first-paint': ['first-paint', 'lib', 'i18n'],
  offline: ['offline', 'lib', 'i18n'],
  state: ['state', 'offline', 'lib', 'i18n', 'components/shell/LaterNotices.tsx'],
  components: ['components', 'ui', 'first-paint', 'state', 'offline', 'lib', 'i18n'],
  pages: ['pages', 'components', 'ui', 'first-paint', 'state', 'offline', 'lib', 'i18n'],
};
const allowList = (root, layers) =>
  Object.entries(layers).map(([layer, allowed]) => ({
    target: `${root}/${layer}`,
    from: root,
    except: allowed.map((a) => `./${a}`),
    message: `${root}/${layer} may import only ${allowed.join(', ')}`,
  }));
const layers = [
  ...allowList('./worker', WORKER),
  ...allowList('./app', APP),
  // The app shares the pure rules and the contract's types with the Worker (the AppType too, type-only: see below).
  { target: './app', from: './worker', except: ['./domain', './contract/types.ts', './index.ts'], message: 'the app imports from worker/ only domain, contract/types.ts and the AppType' },
  // The operations console (its own build): the contract's types only, never the Worker's code; nothing of the customer app.
  { target: './admin', from: './worker', except: ['./domain', './contract'], message: 'the console imports from worker/ only domain and the contract' },
  { target: './admin', from: './app', message: 'the console imports nothing of the customer app' },
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
    // Routes validate, make one call and answer: the SQL lives in db/ and writes/.
    files: ['worker/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^drizzle-orm', message: 'routes build no SQL: use db/ queries and writes/' }, { regex: 'db/schema$', message: 'routes read no tables: use db/ queries and writes/' }] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'admin/**/*.{ts,tsx}'],
    ...solid,
    rules: {
      ...solid.rules,
      // submitOnce (lib/input) takes a form's submit handler and returns the handler.
      'solid/reactivity': ['warn', { customReactiveFunctions: ['submitOnce'] }],
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
