import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Template versions for the upgrade tests: version 2 and 3 of the whole-file templates, made from the
 * package's text by edits at positions a seeded generator picks (a comment line inserted, a line
 * changed, a line removed), so they keep applying whatever the templates' text becomes.
 */
export const VERSIONED = [
  'module/index.ts.hbs', 'module/di.ts.hbs', 'module/setup.ts.hbs', 'page/page.tsx.hbs', 'page/page.meta.ts.hbs',
  'worker/worker.ts.hbs', 'subscriber/subscriber.ts.hbs', 'data-entity/crud-route.ts.hbs', 'api/route.ts.hbs',
]

/** mulberry32: a small seeded generator, so a failing case can be run again from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seedOf = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7)
// lines a Handlebars block starts, ends or splits: changing them would change what renders, not how
const plain = (line: string) => line.trim() !== '' && !/\{\{[#/^]|\{\{else/.test(line)

/** One template's next version: three edits at seeded places, each on a plain line. */
export function nextVersion(text: string, version: string, name: string): string {
  const random = rng(seedOf(`${version}:${name}`))
  const lines = text.split('\n')
  const pick = () => {
    const candidates = lines.map((l, i) => (plain(l) ? i : -1)).filter((i) => i >= 0)
    return candidates[Math.floor(random() * candidates.length)]!
  }
  const at = pick()
  lines.splice(at, 0, `${lines[at]!.match(/^[ \t]*/)![0]}// ${version}: about ${name}`)
  const changed = pick()
  lines[changed] = `${lines[changed]} // ${version}`
  if (lines.filter(plain).length > 10) lines.splice(pick(), 1)
  return lines.join('\n')
}

const PACKAGE = join(import.meta.dirname, '../templates')

/** Writes version 2 (or 3, made from 2) of every versioned template as the app's overrides. */
export function writeVersion(app: string, version: 2 | 3): void {
  for (const name of VERSIONED) {
    let text = readFileSync(join(PACKAGE, name), 'utf8')
    for (let v = 2; v <= version; v++) text = nextVersion(text, `v${v}`, name)
    const path = join(app, '.mercato/templates', name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
}

type Change = [template: string, change: (text: string) => string]
const replace = (from: string | RegExp, to: string) => (text: string) => {
  const after = text.replace(from, to)
  if (after === text) throw new Error(`the corpus's template release no longer applies: ${String(from)} is gone; update test/upgrade-versions.ts`)
  return after
}

/**
 * Two releases of the templates as a maintainer writes them (the corpus's versions 2 and 3): a class
 * on the page, a comment, a new feature and role, a changed message, a new import.
 */
export const RELEASES: Record<2 | 3, Change[]> = {
  2: [
    ['page/page.tsx.hbs', replace('    <section>\n', '    <section className="space-y-4">\n')],
    ['page/page.meta.ts.hbs', replace(/(\n {2}pageTitle: )/, '\n  // the title the admin navigation shows$1')],
    ['module/index.ts.hbs', replace(/(\n {2}license: [^\n]*\n)/, '$1  // see https://docs.openmercato.com/modules\n')],
    ['module/setup.ts.hbs', replace(/(defaultRoleFeatures: \{\n)/, '$1    // roles not listed here get no feature of this module\n')],
    ['module/di.ts.hbs', replace(/^/, '// Services of this module, resolved through the request container.\n')],
    ['data-entity/crud-route.ts.hbs', replace(/^/, '// CRUD route: GET lists (paged), POST creates, PUT updates, DELETE removes.\n')],
    ['data-entity/crud-route.ts.hbs', replace("{ status: 401, description: 'Unauthorized' }", "{ status: 401, description: 'Sign in first' }")],
  ],
  3: [
    ['page/page.tsx.hbs', replace(/^/, "import type { ReactNode } from 'react'\n")],
    ['module/acl.ts.hbs', replace(/(dependsOn: \['\{\{id\}\}\.view'\] \},\n)/, "$1  { id: '{{id}}.export', title: 'Export', module: '{{id}}', dependsOn: ['{{id}}.view'] },\n")],
    ['module/setup.ts.hbs', replace(/(\n {4}admin: [^\n]*\n)/, "$1    manager: ['{{id}}.view', '{{id}}.manage'],\n")],
    ['module/di.ts.hbs', replace(' * Registers this module', ' * Registers the services of this module')],
    ['data-entity/crud-route.ts.hbs', replace("{ status: 404, description: 'Not found' }", "{ status: 404, description: 'Not found in this organization' }")],
  ],
}

/** Writes release 2 (or 3, on top of 2) of the templates as the app's overrides. */
export function writeRelease(app: string, version: 2 | 3): void {
  const texts = new Map<string, string>()
  for (let v = 2; v <= version; v++) {
    for (const [name, change] of RELEASES[v as 2 | 3]) texts.set(name, change(texts.get(name) ?? readFileSync(join(PACKAGE, name), 'utf8')))
  }
  for (const [name, text] of texts) {
    const path = join(app, '.mercato/templates', name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
}
