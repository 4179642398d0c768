// Lint, including the layering rules (after VS Code's code-layering): see docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Bare module names go in `paths` (a pattern like 'crypto' would also catch shared/crypto/…).
const NODE_MODULES = ['fs', 'path', 'os', 'crypto', 'child_process', 'stream', 'zlib', 'http', 'https', 'url', 'util', 'events', 'buffer', 'worker_threads', 'net'];
const nodePaths = (message) => NODE_MODULES.map((name) => ({ name, message }));

const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', 'resources/**', 'bench-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (bin/, scripts/): Node's globals.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'shared/ must not import electron.'),
            pattern(['**/electron/**', '../electron/*'], 'shared/ must not import the electron/ layer.'),
            pattern(['**/renderer/**'], 'shared/ must not import renderer/.'),
            pattern(['react', 'react-dom', 'react/*'], 'shared/ must not import the DOM layer.'),
            pattern(['node:*'], 'shared/ must not import Node built-ins.'),
          ],
          paths: nodePaths('shared/ must not import Node built-ins.'),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'renderer/ must not import electron.'),
            pattern(['**/electron/**'], 'renderer/ must not import the electron/ layer.'),
            pattern(['node:*'], 'renderer/ runs sandboxed, without Node.'),
          ],
          paths: nodePaths('renderer/ runs sandboxed, without Node.'),
        },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'the backend is plain Node: no electron import.'),
            pattern(['**/renderer/**'], 'the backend must not import renderer/.'),
            pattern(['**/electron/main/**', '**/main/**', '**/preload/**'], 'the backend must not import main or preload.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/renderer/**'], 'main/preload must not import renderer/.')] }],
    },
  },
);
