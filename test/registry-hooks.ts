import { readFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { transformSync } from 'esbuild'
import { join } from 'node:path'

const SHARED_STUBS = join(import.meta.dirname, 'fixtures', 'open-mercato-shared')

// Generated registries and scaffolds import TypeScript without extensions, as a bundler would
// resolve them; this lets Node (which strips types itself) import them directly. A starter app has
// only declarations of @open-mercato/shared, so its runtime imports go to small test stand-ins;
// pages (.tsx) and entities (decorators) are more than Node strips, so esbuild compiles module files as the app's bundler would.
registerHooks({
  resolve(specifier, context, next) {
    const shared = /^@open-mercato\/shared\/(.+)$/.exec(specifier)
    if (shared) return { url: pathToFileURL(join(SHARED_STUBS, `${shared[1]}.ts`)).href, shortCircuit: true }
    try {
      return next(specifier, context)
    } catch (error) {
      if (specifier.startsWith('node:')) throw error
      for (const suffix of ['.ts', '.tsx', '/index.ts']) {
        try {
          return next(specifier + suffix, context)
        } catch {
          // try the next candidate
        }
      }
      throw error
    }
  },
  load(url, context, next) {
    if (!url.startsWith('file:') || !/\.tsx?$/.test(url) || url.includes('/node_modules/')) return next(url, context)
    const tsconfigRaw = { compilerOptions: { experimentalDecorators: true, verbatimModuleSyntax: false } }
    const loader = url.endsWith('.tsx') ? 'tsx' : 'ts'
    const { code } = transformSync(readFileSync(fileURLToPath(url), 'utf8'), { loader, format: 'esm', jsx: 'automatic', tsconfigRaw })
    return { format: 'module', source: code, shortCircuit: true }
  },
})
