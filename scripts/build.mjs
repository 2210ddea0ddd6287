// Bundles src/ into dist/: one ESM file per entry, with shared chunks, so the scripted
// path (dist/cli.js) never loads the TUI chunk (ink + React) unless it is asked for.
import { build } from 'esbuild'
import { readFile, rm, writeFile } from 'node:fs/promises'

// React and its reconciler choose their production or development build by process.env.NODE_ENV at
// run time. The TUI wants the production one, but a global `define` would also rewrite our own reads
// of NODE_ENV (the app's .env loading follows it), so only React's files get the constant.
const reactProduction = {
  name: 'react-production',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('process.env.NODE_ENV', '"production"'),
      loader: 'js',
    }))
  },
}

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true })
await build({
  // `testing` is the repo's own entry (see src/testing.ts), left out of the package by package.json
  // "files", as are the source maps.
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts', tui: 'src/tui/index.ts', testing: 'src/testing.ts', 'command-index': 'src/cli/command-index.ts', 'pending-worker': 'src/db/pending-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  minifySyntax: true,
  chunkNames: '[name]-[hash]',
  // ink and React are bundled: loading them as some hundred separate ES modules took most of the TUI's
  // start-up. MikroORM runs as the app's own copy and esbuild needs its own binary.
  external: ['@mikro-orm/*', 'esbuild'],
  plugins: [reactProduction],
  alias: {
    // see src/services/no-fast-glob.ts
    'fast-glob': './src/services/no-fast-glob.ts',
    // ink imports React's devtools bridge only when DEV=true; it is not installed, so it is never there
    'react-devtools-core': './src/tui/no-devtools.ts',
  },
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __cmmRequire } from 'node:module'; const require = __cmmRequire(import.meta.url);" },
  logLevel: 'warning',
})

// The command index (see src/cli/start.ts): --help, --version and completion read it instead of
// loading the actions. Written from the bundle just built, so it always matches it.
const { buildCommandIndex } = await import(new URL('../dist/command-index.js', import.meta.url).href)
await writeFile(new URL('../dist/commands.json', import.meta.url), `${JSON.stringify(buildCommandIndex())}\n`)
