// @ts-check
// Lint enforces the boundaries of ../shared/design/architecture.md: a crossed boundary fails `npm test`.
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules.flatMap((m) => [m, `${m}/*`]), 'node:*'];

/** @param {string} message @param {{group: string[], message?: string}[]} [patterns] @param {string[]} [paths] */
const restrict = (message, paths = [], patterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((p) => ({ message, ...p })),
    },
  ],
});

module.exports = tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Only src-main/electron/ imports electron.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: restrict('只有 src-main/electron/ 可以引入 electron（architecture.md）。', ['electron'], [{ group: ['electron/*'] }]),
  },
  // src-main/domain/ is pure: no I/O, no store, no electron, no clock read.
  {
    files: ['src-main/domain/**/*.ts'],
    rules: {
      ...restrict(
        'src-main/domain/ 不做任何 I/O：不得引入 node 内置模块、数据库、store、electron（architecture.md）。',
        ['electron', 'better-sqlite3'],
        [{ group: nodeBuiltins }, { group: ['**/store', '**/store/**', '**/services', '**/services/**', '**/electron/**', '**/host/**', '**/cli/**', '**/exchange/**', '**/pdf/**'] }],
      ),
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain 不读时钟：时间由调用方传入。' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'domain 不读时钟：时间由调用方传入。' },
        { selector: "MemberExpression[object.name='process']", message: 'domain 不读取进程环境。' },
      ],
    },
  },
  // src-main/shared/ is imported by the renderer too: neither electron nor node:*.
  {
    files: ['src-main/shared/**/*.ts'],
    rules: restrict(
      'src-main/shared/ 被界面共用，不得引入 electron 或 node 内置模块，也不得引入 src-main 的其他目录（architecture.md）。',
      ['electron', 'better-sqlite3'],
      [{ group: nodeBuiltins }, { group: ['../*', '!../shared', '!../shared/**'] }],
    ),
  },
  // The renderer imports nothing from src-main but shared/ (through the @shared alias).
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        '界面只能引入 src-main/shared/（写作 @shared/…），不得引入 src-main 的其他部分、electron 或 node 内置模块（architecture.md）。',
        ['electron', 'better-sqlite3'],
        [{ group: nodeBuiltins }, { group: ['**/src-main/**', '@shared/../**'] }],
      ),
    },
  },
);
