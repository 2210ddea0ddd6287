// Bundles src/ into dist/: one ESM file per entry, with shared chunks, so the scripted
// path (dist/cli.js) never loads the TUI chunk (ink + React) unless it is asked for.
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true })
await build({
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts', tui: 'src/tui/index.ts' },
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
  // Real dependencies, not bundled: MikroORM runs as its own CLI, esbuild needs its own binary, and ink and React must be the
  // very instances that ink-testing-library and app code share (two Reacts break hooks).
  external: ['@mikro-orm/*', 'ink', 'react', 'react/*', 'esbuild'],
  // see src/services/no-inquirer.ts
  alias: { inquirer: './src/services/no-inquirer.ts' },
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __cmmRequire } from 'node:module'; const require = __cmmRequire(import.meta.url);" },
  logLevel: 'warning',
})
