/**
 * Every free-text value a command accepts reaches generated code through one quoting module
 * (src/quote.ts): scaffolds with values that hold a newline, both quote kinds, a backslash, `${`,
 * a comment end and non-ASCII text leave every file the tool wrote parseable, the registry included.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from '@babel/parser'
import { transformSync } from 'esbuild'
import { assertOneError, cli, hashTree, starterApp } from './helpers.ts'

const HOSTILE = `Line one\nLine two 'single' "double" back\\slash \${x} */ /* café 日本 😀 \`tick\` \r end`

/** Every .ts, .tsx and .json file under dir, node_modules left out. */
function sourceFiles(dir: string): string[] {
  const found: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue
      const path = join(d, e.name)
      if (e.isDirectory()) walk(path)
      else if (/\.(tsx?|json)$/.test(e.name)) found.push(path)
    }
  }
  walk(dir)
  return found
}

/** The files that do not parse, each with esbuild's first complaint. */
function unparsable(app: string): string[] {
  const broken: string[] = []
  for (const path of sourceFiles(app)) {
    const text = readFileSync(path, 'utf8')
    try {
      if (path.endsWith('.json')) JSON.parse(text)
      else transformSync(text, { loader: path.endsWith('.tsx') ? 'tsx' : 'ts', tsconfigRaw: { compilerOptions: { experimentalDecorators: true } }, logLevel: 'silent' })
    } catch (error) {
      broken.push(`${relative(app, path)}: ${String((error as Error).message).split('\n').slice(0, 3).join(' ')}`)
    }
  }
  return broken
}

/** The values of every string literal in a TypeScript file. */
function stringsIn(path: string): string[] {
  const found: string[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const n = node as { type?: string; value?: unknown }
    if (n.type === 'StringLiteral' && typeof n.value === 'string') found.push(n.value)
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value)
  }
  visit(parse(readFileSync(path, 'utf8'), { sourceType: 'module', plugins: ['typescript', 'decorators-legacy'] }).program)
  return found
}

async function run(app: string, args: string[]): Promise<void> {
  const r = await cli([...args, '--cwd', app, '--yes', '--quiet'])
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
}

describe('hostile free text in generated code', () => {
  it('every file the tool wrote parses, and the values survive as written', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing', '--title', HOSTILE, '--description', HOSTILE, '--author', HOSTILE, '--license', HOSTILE, '--name', HOSTILE, '--with-page'])
    await run(app, ['page', 'billing', 'reports', '--title', HOSTILE, '--group', HOSTILE])
    await run(app, ['page', 'billing', 'shop', '--area', 'frontend', '--title', HOSTILE])
    await run(app, ['widget', 'billing', 'revenue', '--kind', 'dashboard', '--title', HOSTILE])
    await run(app, ['widget', 'billing', 'notes', '--kind', 'injection', '--spot', 'crud-form:a*/b', '--title', HOSTILE])
    await run(app, ['entity', 'billing', 'vehicle', '--field', 'plate:text:required', '--field', `fuel:select=${HOSTILE}|b`, '--label', HOSTILE])
    await run(app, ['event', 'billing', 'invoice.sent', '--label', HOSTILE, '--description', HOSTILE])
    await run(app, ['data-entity', 'billing', 'Invoice', '--field', 'title:string:required', '--crud', '--events'])
    await run(app, ['extension', 'billing', 'CustomerLoyalty', '--base', 'customers:customer', '--description', HOSTILE])
    await run(app, ['generate'])
    assert.deepEqual(unparsable(app), [])
    const check = await cli(['generate', '--check', '--cwd', app])
    assert.equal(check.code, 0, check.stderr)
    // the value is kept, escaped, not dropped or mangled: each file holds it as a string literal
    for (const file of ['src/modules/billing/index.ts', 'src/modules/billing/backend/billing/reports/page.meta.ts', 'src/modules/billing/events.ts', 'src/modules/billing/ce.ts', '.mercato/generated/backend-routes.generated.ts']) {
      assert.ok(stringsIn(join(app, file)).includes(HOSTILE), `${file} keeps the value as written`)
    }
  })

  it('a page title with a newline keeps the registry parseable (the issue\'s example)', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    await run(app, ['page', 'billing', 'reports', '--title', 'Line one\nLine two'])
    assert.deepEqual(unparsable(app), [])
  })
})

describe('a registry file that does not parse', () => {
  it('fails generate --check and doctor, naming the file', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing', '--with-page'])
    const file = join(app, '.mercato/generated/backend-routes.generated.ts')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nconst broken = 'Line one\nLine two'\n`)
    const before = hashTree(app)
    const check = await cli(['generate', '--check', '--cwd', app])
    assert.equal(check.code, 1, check.stderr)
    assert.match(check.stderr, /^error: the generated registry does not parse: \.mercato\/generated\/backend-routes\.generated\.ts:\d+ \(Unterminated string constant\); run: create-mercato-module generate/m)
    const doctor = await cli(['doctor', '--cwd', app])
    assert.equal(doctor.code, 1, doctor.stdout + doctor.stderr)
    assert.match(doctor.stdout, /^\.mercato\/generated\/backend-routes\.generated\.ts:\d+: \[registry\] does not parse \(Unterminated string constant\); run: create-mercato-module generate$/m)
    assert.equal(hashTree(app), before)
  })
})

describe('hostile text where an identifier goes', () => {
  // each of these becomes a name in code (a class, a key, a path, an id other code matches on): no quoting makes it valid
  const ROWS: string[][] = [
    ['module', HOSTILE],
    ['module', 'x1', '--requires', HOSTILE],
    ['module', 'x1', '--locales', HOSTILE],
    ['page', 'billing', HOSTILE],
    ['page', 'billing', 'reports', '--icon', HOSTILE],
    ['page', 'billing', 'reports', '--require-features', HOSTILE],
    ['page', 'billing', 'reports', '--require-roles', HOSTILE],
    ['api', 'billing', HOSTILE],
    ['subscriber', 'billing', HOSTILE, '--event', 'billing.invoice.sent'],
    ['subscriber', 'billing', 'notify', '--event', HOSTILE],
    ['subscriber', 'billing', 'notify', '--event', 'billing.invoice.sent', '--id', HOSTILE],
    ['event', 'billing', HOSTILE],
    ['worker', 'billing', HOSTILE, '--queue', 'sync'],
    ['worker', 'billing', 'sync', '--queue', HOSTILE],
    ['worker', 'billing', 'sync', '--queue', 'sync', '--id', HOSTILE],
    ['cli', 'billing', HOSTILE],
    ['widget', 'billing', HOSTILE, '--kind', 'dashboard'],
    ['widget', 'billing', 'notes', '--kind', 'injection', '--spot', HOSTILE],
    ['widget', 'billing', 'revenue', '--kind', 'dashboard', '--features', HOSTILE],
    ['entity', 'billing', HOSTILE],
    ['entity', 'billing', 'vehicle', '--field', `${HOSTILE}:text`],
    ['data-entity', 'billing', HOSTILE],
    ['data-entity', 'billing', 'Invoice', '--field', `${HOSTILE}:string`],
    ['data-entity', 'billing', 'Invoice', '--field', `status:enum=${HOSTILE}|b`],
    ['data-entity', 'billing', 'Invoice', '--field', 'title:string', '--table', HOSTILE],
    ['extension', 'billing', HOSTILE, '--base', 'customers:customer'],
    ['extension', 'billing', 'CustomerLoyalty', '--base', HOSTILE],
    ['enable', HOSTILE],
    ['disable', HOSTILE],
    ['override', HOSTILE, 'index.ts'],
  ]
  it('is refused with exit 2, one error naming the input, and nothing changed', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    const failures: string[] = []
    for (const args of ROWS) {
      const before = hashTree(app)
      const r = await cli([...args, '--cwd', app, '--yes'])
      const shown = args.map((a) => (a.includes(HOSTILE) ? a.replace(HOSTILE, '<hostile>') : a)).join(' ')
      try {
        assert.equal(r.code, 2, r.stderr)
        assert.match(r.stderr, /^error: (invalid|unknown)/)
        assertOneError(r.stderr)
        assert.equal(hashTree(app), before, 'nothing changed')
      } catch (error) {
        failures.push(`${shown}: ${(error as Error).message.split('\n')[0]}`)
      }
    }
    assert.deepEqual(failures, [])
  })
})
