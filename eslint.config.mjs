// The layer rules of docs/DESIGN.md written as lint rules: a layer is reached only through its
// door (index.ts), dependencies point down, the import graph has no cycles, src/core does no I/O,
// and only src/swf talks to the AWS SDK.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noImportCycle from './lint/no-import-cycle.mjs';

/** Each layer and the layers it may import (through their doors). */
const LAYERS = {
  'swf-model': [],
  core: ['swf-model'],
  // what every process uses: logger, observer hooks, metrics, backoff, shutdown, identity
  common: [],
  definitions: ['swf-model', 'core'],
  swf: ['swf-model', 'core', 'definitions'],
  payloads: ['swf-model', 'core'],
  schedules: ['swf-model', 'core', 'definitions'],
  worker: ['swf-model', 'core', 'definitions', 'swf', 'common', 'payloads'],
  client: ['swf-model', 'core', 'definitions', 'swf', 'common', 'payloads', 'schedules'],
  local: ['swf-model', 'common'],
  embedded: ['swf-model', 'core', 'definitions', 'swf', 'worker', 'client', 'local', 'common', 'payloads'],
  testing: [
    'swf-model',
    'core',
    'definitions',
    'swf',
    'worker',
    'client',
    'local',
    'embedded',
    'common',
    'payloads',
    'schedules',
  ],
  // the web UI: reads and acts through src/swf, folds histories with src/client's summary
  ui: ['swf-model', 'core', 'definitions', 'swf', 'client', 'common'],
  // OpenTelemetry tracing on the interceptors: the only layer that imports @opentelemetry (opt-in)
  tracing: ['core', 'worker', 'client', 'common'],
  cli: [
    'swf-model',
    'core',
    'definitions',
    'swf',
    'worker',
    'client',
    'local',
    'embedded',
    'testing',
    'common',
    'ui',
    'payloads',
    'schedules',
  ],
};

/** The files through which other layers reach a layer; index.ts unless named here. */
const DOORS = {
  // workflow authors (index.ts) and what drives their code (engine.ts) are two audiences
  core: ['index.ts', 'engine.ts'],
};
const doorsOf = (layer) => DOORS[layer] ?? ['index.ts'];

/** Narrower rules for single files, on top of their layer's. */
const FILE_RESTRICTIONS = {
  'src/cli/commands/run.ts': [
    { group: ['../../testing/**'], message: '`flowy run` builds its stack with src/embedded, not the testing kit.' },
  ],
};

/**
 * Files outside src/swf that may import an AWS SDK package, and which ones: never
 * @aws-sdk/client-swf (src/swf is the gateway for every SWF call and re-exports the SDK's types).
 */
const AWS_SDK_ALLOWED = {
  // the S3 payload store talks to S3, not SWF
  'src/payloads/s3-store.ts': ['@aws-sdk/client-s3'],
};

/** The AWS SDK pattern of no-restricted-imports for `file` (outside src/swf). */
function awsSdkPattern(file) {
  const allowed = AWS_SDK_ALLOWED[file] ?? [];
  return {
    group: ['@aws-sdk/*', ...allowed.map((name) => `!${name}`)],
    message: 'Only src/swf imports the AWS SDK; import what you need from src/swf/index.ts.',
  };
}

/** src/swf-model takes the operations' input types from the SDK, as types only (nothing is loaded). */
const AWS_SDK_TYPES_ONLY = ['src/swf-model/operations.ts'];

/** OpenTelemetry is an optional peer dependency: only src/tracing (flowy-ts/tracing) may load it. */
const OTEL_PATTERN = {
  group: ['@opentelemetry/*'],
  message: 'Only src/tracing imports @opentelemetry (an optional peer dependency, loaded when the user opts in).',
};

/** Node modules that do I/O or touch the process; src/core is pure (DESIGN: "no I/O"). */
const NODE_IO_MODULES = [
  'fs',
  'fs/promises',
  'path',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
  'os',
  'process',
  'readline',
  'stream',
  'zlib',
  'vm',
  'sqlite',
].flatMap((name) => [name, `node:${name}`]);

const MAX_DEPTH = 4;

/**
 * no-restricted-imports patterns for a file `depth` folders below src/<layer>: another layer's
 * files other than its index.ts, and layers this one may not depend on at all.
 */
function layerPatterns(layer, depth) {
  const up = '../'.repeat(depth);
  return Object.keys(LAYERS)
    .filter((other) => other !== layer)
    .map((other) =>
      LAYERS[layer].includes(other)
        ? {
            group: [`${up}${other}/**`, ...doorsOf(other).map((door) => `!${up}${other}/${door}`)],
            message: `Import src/${other} through its door (${doorsOf(other).join(' or ')}), not its internals.`,
          }
        : {
            group: [`${up}${other}/**`, `${up}${other}`],
            message: `src/${layer} may not depend on src/${other} (DESIGN: dependencies point down).`,
          },
    );
}

function layerConfigs() {
  const configs = [];
  for (const layer of Object.keys(LAYERS)) {
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const patterns = layerPatterns(layer, depth);
      if (layer !== 'swf') patterns.push(awsSdkPattern());
      if (layer !== 'tracing') patterns.push(OTEL_PATTERN);
      configs.push({
        files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths:
                layer === 'core' ? NODE_IO_MODULES.map((name) => ({ name, message: 'src/core does no I/O.' })) : [],
              patterns,
            },
          ],
        },
      });
      if (layer !== 'swf') {
        // Later configs win: each allow-listed file keeps the layer rules, with its own AWS SDK pattern.
        for (const file of Object.keys(AWS_SDK_ALLOWED)) {
          if (!file.startsWith(`src/${layer}/`) || file.split('/').length !== depth + 2) continue;
          configs.push({
            files: [file],
            rules: {
              'no-restricted-imports': [
                'error',
                { patterns: [...layerPatterns(layer, depth), OTEL_PATTERN, awsSdkPattern(file)] },
              ],
            },
          });
        }
      }
    }
  }
  configs.push({
    files: AWS_SDK_TYPES_ONLY,
    rules: {
      'no-restricted-imports': ['error', { patterns: [...layerPatterns('swf-model', 1), OTEL_PATTERN] }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*'], allowTypeImports: true, message: 'src/swf-model may use the SDK for types only.' },
          ],
        },
      ],
    },
  });
  for (const [file, extra] of Object.entries(FILE_RESTRICTIONS)) {
    const [, layer, ...rest] = file.split('/');
    const patterns = [...layerPatterns(layer, rest.length), ...extra, OTEL_PATTERN];
    if (layer !== 'swf') patterns.push(awsSdkPattern(file));
    configs.push({ files: [file], rules: { 'no-restricted-imports': ['error', { patterns }] } });
  }
  // The package's entry points (src/index.ts, src/entry/*) reach every layer, through its doors.
  for (const [files, up] of [
    [['src/*.ts'], './'],
    [['src/entry/*.ts'], '../'],
  ]) {
    const patterns = Object.keys(LAYERS).map((layer) => ({
      group: [`${up}${layer}/**`, ...doorsOf(layer).map((door) => `!${up}${layer}/${door}`)],
      message: `Import src/${layer} through its door (${doorsOf(layer).join(' or ')}), not its internals.`,
    }));
    patterns.push(OTEL_PATTERN);
    configs.push({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
  }
  return configs.filter((config) => config.files.length > 0);
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '.flowy/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    plugins: { flowy: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'flowy/no-import-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Class metadata (Reflect) is keyed by constructors of any shape.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // The web UI's page scripts run in the browser, served as they are.
    files: ['src/ui/assets/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        location: 'readonly',
        addEventListener: 'readonly',
        removeEventListener: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        ResizeObserver: 'readonly',
        getComputedStyle: 'readonly',
      },
    },
  },
  {
    // Tests and benchmarks build loose shapes on purpose (bad input, partial events).
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Still untyped in the local server (operations are typed from swf-model's OperationInput):
    // the engine's dispatch and SQLite rows. This list only shrinks.
    files: ['src/local/engine.ts', 'src/local/store/rows.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...layerConfigs(),
);
