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
      // No shell strings: execFile/spawn with an argument array only (tests and tools).
      'no-restricted-imports': ['error', { paths: ['child_process', 'node:child_process'].map((name) => ({
        name, importNames: ['exec', 'execSync'], message: 'No shell strings: use execFile or spawn with an argument array.',
      })) }],
      // SQL only through Kysely builders with bound values; raw SQL text needs an audited exception.
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']", message: 'No raw SQL text: use Kysely builders or sql`` with bound values.' },
        { selector: "CallExpression[callee.object.name='CompiledQuery'][callee.property.name='raw']", message: 'No raw SQL text: use Kysely builders with bound values.' },
        { selector: "CallExpression[callee.property.name='unsafe']", message: 'No unsafe SQL.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Randomness only from node:crypto.' },
      ],
    },
  },
);
