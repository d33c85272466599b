import { builtinModules } from 'node:module';

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const clientLibraries = ['dockerode', 'docker-modem', '@kubernetes/client-node'];
const nodeBuiltins = { regex: '^node:', message: 'This layer runs without Node.js built-ins.' };

/** Where Kubernetes is spoken to; the practice cluster is a server of its own and the two never import each other. */
const kubeService = 'electron/services/kube';

// What each layer may not import. A group is a list of import names and patterns, or, for the
// boundaries between folders, a function of the file's depth (folders between the root and it).
const pureContract = {
  paths: ['electron', 'react', 'react-dom', ...clientLibraries].map((name) => ({ name, message: 'shared/ is the pure contract.' })),
  patterns: [nodeBuiltins],
};
// Services and the router run under plain Node (tests, the browser bridge): never Electron. The backend
// is bundled as ES modules, and an ES import of node:http reads all its exports, the lazy fetch and
// WebSocket classes too, which loads Node's bundled undici (some 13 MB): require it (createRequire).
const backend = {
  paths: [
    { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' },
    { name: 'node:http', allowTypeImports: true, message: 'Require node:http (createRequire, see electron/web/server.ts): importing it loads undici.' },
  ],
  patterns: [{ regex: '^react', message: 'No UI code in the backend.' }],
};
// client-node holds some 80 MB once loaded: the Kubernetes service loads it on first use (client.ts).
const lazyClientNode = {
  paths: [{ name: '@kubernetes/client-node', allowTypeImports: true, message: "Import client-node's types; its values come from clientNode() (electron/services/kube/client.ts), loaded on first use." }],
};
// The renderer talks to the backend only through its API client, and runs without Node.
const rendererOnly = {
  paths: [
    ...['electron', ...clientLibraries, 'ws'].map((name) => ({ name, message: 'The renderer reaches the backend only through renderer/api.' })),
    ...builtinModules.filter((name) => !name.startsWith('node:')).map((name) => ({ name, message: 'The renderer runs without Node.js built-ins.' })),
  ],
  patterns: [nodeBuiltins],
};

/**
 * A relative import from a file `depth` folders below the root, inside `from`, that leads into
 * `to` (both folders from the root): up to the folders' common parent, then down. `rest` matches
 * what follows the common parent when it is not a plain folder.
 */
function into(from, to, message, rest) {
  const common = commonFolders(from, to);
  const down = rest ?? `${escape(to.split('/').slice(common).join('/'))}(?:/|$)`;
  return (depth) => ({ patterns: [{ regex: `^(?:\\.\\./){${depth - common}}${down}`, message }] });
}

function commonFolders(a, b) {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const servicesNoRouter = into('electron/services', 'electron/rpc', 'Services never import the router: it imports them (engine errors: electron/services/docker/errors.ts).');
const layers = [
  { folder: 'shared', imports: [pureContract] },
  { folder: 'electron', imports: [] },
  { folder: 'electron/services', imports: [backend, servicesNoRouter] },
  { folder: kubeService, imports: [backend, servicesNoRouter, lazyClientNode, into(kubeService, 'electron/practice-cluster', 'Kubernetes is spoken to over its API, never by importing the practice cluster.')] },
  { folder: 'electron/rpc', imports: [backend] },
  { folder: 'electron/web', imports: [backend] },
  { folder: 'electron/practice-cluster', imports: [into('electron/practice-cluster', kubeService, 'The practice cluster is a server of its own: it never imports the Kubernetes service.')] },
  { folder: 'renderer', imports: [rendererOnly] },
  { folder: 'renderer/stores', imports: [rendererOnly, into('renderer/stores', 'renderer/views', 'Stores never import views: move what both need down (stores/, components/, shared/).')] },
  // Files inside an area's folder: another area's folder is off limits, a views/shared/ folder is not.
  {
    folder: 'renderer/views',
    inside: true,
    imports: [rendererOnly, into('renderer/views', 'renderer/views', "One area's views never import another's: move what both need to components/ or stores/.", '(?!shared/)[^./][^/]*/')],
  },
];

/** How deep below its layer's folder a file may sit and still be held to the layer's boundaries. */
const BOUNDARY_DEPTH = 8;

/**
 * no-restricted-imports reads an import's text, not where it leads, and a later block replaces an
 * earlier block's options: so each layer gets one block per depth, with all of its groups and the
 * one boundary every file has, its top-level folder (shared/ only through @shared, electron/ and
 * renderer/ never into each other; the root's package.json is not a folder).
 */
function boundaries() {
  return layers.flatMap(({ folder, inside, imports }) =>
    Array.from({ length: BOUNDARY_DEPTH }, (_, i) => i + (inside ? 2 : 1)).map((below) => {
      const depth = folder.split('/').length + below - 1;
      const top = folder.split('/')[0];
      const groups = [
        ...imports.map((group) => (typeof group === 'function' ? group(depth) : group)),
        { patterns: [{ regex: `^(?:\\.\\./){${depth}}(?!package\\.json$)`, message: `A relative import leaves ${top}/: shared/ is reached through @shared, and electron/ and renderer/ never import each other.` }] },
      ];
      return {
        files: [`${folder}/${'*/'.repeat(below - 1)}*.{ts,tsx}`],
        rules: {
          '@typescript-eslint/no-restricted-imports': ['error', { paths: groups.flatMap((g) => g.paths ?? []), patterns: groups.flatMap((g) => g.patterns ?? []) }],
        },
      };
    }),
  );
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'bench-results/**', 'scripts/**/*.mjs', 'tests/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
    // Plain JavaScript has no place for a return type.
    rules: { '@typescript-eslint/explicit-function-return-type': 'off' },
  },
  // What each folder may import: the layers point one way.
  ...boundaries(),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Ids and names reach the engine's URLs only encoded (electron/services/docker/paths.ts).
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/services/docker/paths.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > MemberExpression.callee[property.name=/^get(Container|Image|Network|Volume)$/]',
          message: 'Reach an engine object through containerOf/imageOf/networkOf/volumeOf (electron/services/docker/paths.ts): they encode the id.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
