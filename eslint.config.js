// Lint is here to keep the dependency arrows honest (STYLE.md §1):
// server → protocol, geofences; simulator → protocol; web → geofences, server/contracts (types);
// library folders never import server/; only test/ imports server.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const serverOnly = { group: ['**/server/**', '../server', '../../server'], message: 'A library folder never imports server/.' };
const noInnerFiles = (folder) => ({
  group: [`**/${folder}/*`, `!**/${folder}/index.ts`],
  message: `Import ${folder}/ through its index.ts.`,
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-output/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    files: ['protocol/**/*.ts'],
    rules: restrict([serverOnly, { group: ['**/simulator/**', '**/geofences/**', '**/web/**'], message: 'protocol/ depends on nothing of ours.' }]),
  },
  {
    files: ['geofences/**/*.ts'],
    rules: restrict([serverOnly, { group: ['**/simulator/**', '**/protocol/**', '**/web/**', 'node:*', 'fs', 'net', 'dgram'], message: 'geofences/ is pure: no I/O, no other folders.' }]),
  },
  {
    files: ['simulator/**/*.ts'],
    rules: restrict([serverOnly, noInnerFiles('protocol'), { group: ['**/geofences/**', '**/web/**'], message: 'simulator/ depends on protocol/ only.' }]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([noInnerFiles('protocol'), noInnerFiles('geofences'), { group: ['**/simulator/**', '**/web/**'], message: 'server/ may import protocol/ and geofences/ only.' }]),
  },
  {
    files: ['web/**/*.ts'],
    rules: restrict([
      noInnerFiles('geofences'),
      { group: ['**/server/*', '!**/server/contracts', '!**/server/contracts/index.ts'], message: 'web/ talks to the server only through HTTP/Socket.IO; it may import types from server/contracts.' },
      { group: ['**/protocol/**', '**/simulator/**'], message: 'web/ may not import protocol/ or simulator/.' },
    ]),
  },
);
