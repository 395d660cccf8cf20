import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering: shared/ is environment-free, core never imports electron, renderer never imports main-side code.
const electronOnly = {
  name: 'electron',
  message: 'Only electron/main.ts, preload.ts and ipc.ts import electron.',
};
const nodeBuiltins = {
  group: ['node:*'],
  message: 'shared/ and renderer/ must stay environment-free.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.electron-native/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing from the sides.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            { group: ['**/renderer/**'], message: 'main-side code never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // One door: a transport reaches the core only through its entry (openCore → call, events, start, close).
    files: [
      'electron/cli/**/*.ts',
      'electron/desktop/**/*.ts',
      'electron/server/**/*.ts',
      'electron/main.ts',
      'electron/ipc.ts',
      'electron/preload.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/**',
                '!**/core/core.js',
                '!**/core/beforeCore.js',
                '!**/core/userError.js',
              ],
              allowTypeImports: true,
              message:
                'transports call the core through its contract (core.call); add a contract method in shared/ instead of importing core internals.',
            },
            {
              // Types stay free (Core['call'] is the contract's call); without createCore no transport can hold the services.
              group: ['**/core/core.js'],
              importNames: ['createCore'],
              allowTypeImports: true,
              message:
                'transports open the core with openCore and hold a CoreHandle (call, events, start, close), never its services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/electron/**'],
              message: 'the renderer talks to main only through renderer/api.',
            },
          ],
        },
      ],
    },
  },
);
