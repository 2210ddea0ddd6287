import assert from 'node:assert/strict'
import { parse } from '@babel/parser'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { enabledModules, readModulesFile } from '../dist/index.js'
import { literalMetadata, metadataByAlias, metadataFromCall, StaticResolver } from '../dist/testing.js'
import { ROOT } from './helpers.ts'

/** Every file text the tests write that declares page metadata: the string literals in test/ that hold one. */
function fixtureTexts(): string[] {
  const texts: string[] = []
  const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))
  for (const file of files) {
    const ast = parse(readFileSync(join(ROOT, 'test', file), 'utf8'), { sourceType: 'module', plugins: ['typescript', 'decorators-legacy', ...(file.endsWith('.tsx') ? ['jsx' as const] : [])] })
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit)
      if (!node || typeof node !== 'object') return
      const n = node as { type?: string; value?: unknown; expressions?: unknown[]; quasis?: Array<{ value: { cooked?: string } }> }
      if (n.type === 'StringLiteral' && typeof n.value === 'string') texts.push(n.value)
      if (n.type === 'TemplateLiteral' && n.expressions?.length === 0) texts.push(n.quasis![0]!.value.cooked ?? '')
      for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value)
    }
    visit(ast.program)
  }
  return texts.filter((t) => /export\s+const\s+metadata/.test(t))
}

/** Forms the fast path reads or must leave to the parser. */
const EDGES = [
  "export const metadata = { requireAuth: true, pageOrder: -20, title: 'It\\'s here', tags: ['a', \"b\",], }\n",
  'export const metadata: PageMetadata = {\n  // a comment\n  requireRoles: [\'admin\'], /* another */ pageGroup: "Sales",\n}\n',
  "export const metadata = { pageOrder: 1.5e2, nothing: null, off: false, nested: { deep: [1, [2]] } }\n",
  "export const metadata = { 'quoted-key': 1, \"double\": 2 }\n",
  "const title = 'Orders'\nexport const metadata = { title }\n",
  "export const metadata = { ...base, title: 'x' }\n",
  'export const metadata = { title: `Orders` }\n',
  "export const metadata = { order: 1 + 1 }\n",
  "export const metadata = { icon: 'a\\nb' }\n",
  "export const metadata = { title: 'x' } as const\n",
  "export const metadata = { title: 'x' } satisfies PageMetadata\n",
  "export const metadata = { requireFeatures: ['x.view'] }\nexport const other = 1\n",
]

async function resolved(text: string) {
  const source = { root: '/', read: async (f: string) => (f === 'page.meta.ts' ? text : null), list: async () => [], isDirectory: async () => false }
  return new StaticResolver(source, { literal: false }).exported('page.meta.ts', 'metadata')
}

describe('page metadata: the fast path reads what the parser reads', () => {
  it('every fixture and edge the fast path answers, it answers as the static resolver does', async () => {
    const texts = [...fixtureTexts(), ...EDGES]
    let answered = 0
    for (const text of texts) {
      const fast = literalMetadata(text)
      if (fast === null) continue
      answered++
      assert.deepStrictEqual(fast, await resolved(text), text)
    }
    // the comparison means something only if the fast path took most of them
    assert.ok(texts.length >= 30, `${texts.length} texts`)
    assert.ok(answered >= texts.length / 2, `${answered} of ${texts.length} answered by the fast path`)
  })
})

/** Expressions both readers meet: conditions in src/modules.ts and values in page metadata. */
const EXPRESSIONS: Array<[string, unknown]> = [
  ["['a', 'b'].includes('b') && !false", true],
  ['-1 === -1', true],
  ["null ?? 'fallback'", 'fallback'],
  ["[{ id: 'a' }].some((m) => m.id === 'a')", true],
  ["[{ id: 'a' }].every(({ id }) => id === 'b')", false],
  ["`plain` === 'plain'", true],
  ["'' || false", false],
  ["({ on: true }).on", true],
  ["[1, 2].length !== 2", false],
]

describe('one static evaluator for modules.ts and page metadata', () => {
  for (const [expression, expected] of EXPRESSIONS) {
    it(`${expression} reads as ${JSON.stringify(expected)} in both`, async () => {
      const modules = readModulesFile(`export const enabledModules = [{ id: 'auth' }]\nif (${expression}) enabledModules.push({ id: 'on' })\n`, {})
      assert.deepEqual(enabledModules(modules).map((m: { id: string }) => m.id), expected ? ['auth', 'on'] : ['auth'])
      assert.deepStrictEqual(await resolved(`export const metadata = { value: ${expression} }\n`), { value: expected })
    })
  }
})

/** Destructured exports of a call, as Open Mercato's CRUD routes write them, and forms that are not. */
const FROM_CALLS = [
  "import { makeCrudRoute } from '@open-mercato/shared/lib/crud/factory'\n\nexport const { metadata, GET, POST } = makeCrudRoute({\n  metadata: { GET: { requireAuth: true } },\n})\n",
  "export const { GET, metadata } = crud.route<Item>({ orm: {} })\n",
  "const x = 1\n\nexport const {\n  metadata,\n  GET,\n} =\n  makeCrudRoute({})\n",
  "export const { metadata: meta, GET } = makeCrudRoute({})\nexport const metadata = { title: 'x' }\n",
  "export const { metadatas, GET } = makeCrudRoute({})\n",
  "export const { GET } = makeCrudRoute({})\nexport const metadata = { GET: { requireAuth: false } }\n",
]

describe('route metadata from a call: the fast path reads what the resolver reads', () => {
  it('answers a destructured metadata of a call with the resolver\'s Unknown (file, line, why), and leaves the rest to it', async () => {
    let answered = 0
    for (const text of FROM_CALLS) {
      const fast = metadataFromCall('page.meta.ts', text)
      if (fast === null) continue
      answered++
      assert.deepStrictEqual({ ...fast }, { ...(await resolved(text) as object) }, text)
      assert.equal(fast.constructor.name, 'Unknown')
    }
    assert.equal(answered, 2)
  })
})

/** `export const metadata = routeMetadata`, as a hundred of Open Mercato's routes write it, and forms the resolver must read. */
const ALIASES = [
  "const routeMetadata = {\n  GET: { requireAuth: true, requireFeatures: ['auth.roles.list'] },\n  POST: { requireAuth: true },\n}\n\nexport const metadata = routeMetadata\n",
  "const meta: RouteMetadata = { GET: { requireAuth: false } }\nexport const metadata = meta;\n",
  "const FEATURE = 'x'\nconst meta = { requireFeatures: [FEATURE] }\nexport const metadata = meta\n",
  "let meta = { a: 1 }\nexport const metadata = meta\n",
  "export const metadata = meta\n",
  "import { meta } from './meta'\nexport const metadata = meta\n",
]

describe('route metadata through a local constant: the fast path reads what the resolver reads', () => {
  it('answers a plain literal constant as the resolver does, and leaves the rest to it', async () => {
    let answered = 0
    for (const text of ALIASES) {
      const fast = metadataByAlias(text)
      if (fast === null) continue
      answered++
      assert.deepStrictEqual(fast, await resolved(text), text)
    }
    assert.equal(answered, 2)
  })
})
