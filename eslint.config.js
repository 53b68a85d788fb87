// Lint rules: the pure layers (core, sim, checker, projections, sandbox's compiler) import no
// React, no DOM, no UI library and read no ambient nondeterminism (wall clock, Math.random,
// timers). Which src/ layer may import which, and no cycles: .dependency-cruiser.cjs (also in
// `npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const uiImports = {
  patterns: [
    {
      group: [
        'react',
        'react-dom',
        'react/*',
        'react-dom/*',
        '@xyflow/*',
        '@uiw/*',
        '@codemirror/*',
        'zustand',
        'zustand/*',
        '@xstate/react',
      ],
      message: 'Pure layers must not import UI libraries.',
    },
    {
      // src/machines holds the app's XState workflows; src/sim/machines (the actors) is fine.
      group: [
        '**/ui/*',
        '**/ui',
        '**/src/machines/*',
        '../machines',
        '../machines/*',
        '../../machines/*',
      ],
      message: 'Pure layers must not import the UI or the app workflows in src/machines.',
    },
  ],
};
const ambientNondeterminism = [
  { name: 'Date', message: 'No wall clock in pure layers: use the simulated tick clock.' },
  { name: 'setTimeout', message: 'No timers in pure layers.' },
  { name: 'setInterval', message: 'No timers in pure layers.' },
  { name: 'performance', message: 'No wall clock in pure layers (the checker receives a clock).' },
  { name: 'window', message: 'No DOM in pure layers.' },
  { name: 'document', message: 'No DOM in pure layers.' },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: [
      'src/core/**/*.ts',
      'src/sim/**/*.ts',
      'src/checker/**/*.ts',
      'src/projections/**/*.ts',
    ],
    ignores: ['**/*.test.ts', '**/*.worker.ts', '**/workerClient.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', uiImports],
      'no-restricted-globals': ['error', ...ambientNondeterminism],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded PRNG in src/core/random.ts.',
        },
        { object: 'Date', property: 'now', message: 'No wall clock in pure layers.' },
      ],
    },
  },
  {
    files: ['src/sandbox/**/*.ts', 'exercises/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', uiImports] },
  },
);
