import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  ...tseslint.configs.recommended,
  security.configs.recommended,
  {
    rules: {
      // Our own security rules (DEVELOPERS.md): no eval, no Function constructor, no string timers.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Bracket access on typed records is everywhere in TypeScript and is checked by the compiler.
      'security/detect-object-injection': 'off',
      // Paths come from configuration or from test fixtures, never from a request.
      'security/detect-non-literal-fs-filename': 'off',
      'no-restricted-imports': ['error', { paths: [
        { name: 'child_process', message: 'No shell strings: use node:child_process execFile/spawn with an argument array, only in tests and tools.' },
      ] }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Randomness only from node:crypto.' },
      ],
    },
  },
);
