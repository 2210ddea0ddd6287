/**
 * The fast layer: plans made and applied on an in-memory file system, in-process, in milliseconds
 * (as Nx devkit tests run generators on an in-memory tree). The end-to-end tests run the built tool
 * on real folders; these pin what a plan writes.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { applyPlan, createServices, findAction, planAction, validateInput, type ActionSpec, type PlanAction } from '../dist/index.js'
import { createMemoryFileSystem } from '../dist/testing.js'

const APP = '/memory/shop'

function memoryServices() {
  const fs = createMemoryFileSystem()
  const lines: string[] = []
  const line = (text: string) => { lines.push(text) }
  return { fs, services: createServices({ overrides: { fs, reporter: { out: line, info: line, warn: line, error: line } } }) }
}

type Services = ReturnType<typeof memoryServices>['services']

/** Plans one command (words and flags as the CLI's input keys) on the memory file system. */
async function plan(services: Services, words: string[], raw: Record<string, unknown>, cwd = APP) {
  const spec = findAction(...words) as ActionSpec
  assert.equal(spec.kind, 'plan', words.join(' '))
  return planAction(spec as PlanAction, validateInput(spec, raw), services, { cwd })
}

async function applied(services: Services, words: string[], raw: Record<string, unknown>, cwd = APP) {
  const p = await plan(services, words, raw, cwd)
  await applyPlan(p, services)
  return p
}

async function newApp() {
  const memory = memoryServices()
  await applied(memory.services, ['new-app'], { dir: APP, install: false }, '/memory')
  return memory
}

describe('plans on an in-memory file system', () => {
  it('new-app writes the starter in memory only', async () => {
    const { fs, services } = await newApp()
    const files = Object.keys(fs.files()).map((f) => f.slice(APP.length + 1))
    for (const file of ['package.json', 'src/modules.ts', 'tsconfig.json', 'mikro-orm.config.ts']) assert.ok(files.includes(file), file)
    assert.equal(existsSync(APP), false, 'nothing reached the disk')
    assert.equal(services.fs, fs)
  })

  it('module: the module files, its entry in src/modules.ts and the generated registry, in that order; applied, a rerun plans nothing', async () => {
    const { fs, services } = await newApp()
    const p = await plan(services, ['module'], { id: 'visits' })
    const own = p.changes.filter((c) => !c.generated).map((c) => c.path)
    assert.ok(own.includes('src/modules/visits/index.ts') && own.includes('src/modules/visits/acl.ts'), own.join(', '))
    assert.equal(p.changes.find((c) => c.path === 'src/modules.ts')?.kind, 'edit')
    const firstGenerated = p.changes.findIndex((c) => c.generated)
    assert.ok(firstGenerated > 0 && p.changes.slice(firstGenerated).every((c) => c.generated), 'registry files come after the action\'s own')
    await applyPlan(p, services)
    assert.match(fs.files()[`${APP}/src/modules.ts`]!, /\{ id: 'visits', from: '@app' \}/)
    assert.deepEqual((await plan(services, ['module'], { id: 'visits' })).changes, [])
  })

  it('page then api in a module: each plan writes only its own files and the registry', async () => {
    const { services } = await newApp()
    await applied(services, ['module'], { id: 'visits' })
    const page = await plan(services, ['page'], { module: 'visits', path: 'reports' })
    assert.deepEqual(page.changes.filter((c) => !c.generated).map((c) => c.path).sort(), ['src/modules/visits/backend/visits/reports/page.meta.ts', 'src/modules/visits/backend/visits/reports/page.tsx', 'src/modules/visits/i18n/en.json'])
    assert.ok(page.changes.some((c) => c.generated && c.after?.includes('/backend/visits/reports')), 'the registry serves the new page')
    await applyPlan(page, services)
    const api = await plan(services, ['api'], { module: 'visits', path: 'stats' })
    assert.deepEqual(api.changes.filter((c) => !c.generated).map((c) => c.path), ['src/modules/visits/api/stats/route.ts', 'src/modules/visits/data/validators.ts'])
  })

  it('a plan that would overwrite an edited file is refused, and --force replaces it', async () => {
    const { fs, services } = await newApp()
    await applied(services, ['module'], { id: 'visits' })
    await applied(services, ['page'], { module: 'visits', path: 'reports' })
    const file = `${APP}/src/modules/visits/backend/visits/reports/page.tsx`
    await fs.writeAtomic(file, 'export default function Mine() { return null }\n')
    await assert.rejects(plan(services, ['page'], { module: 'visits', path: 'reports' }), /page\.tsx/)
    const spec = findAction('page') as PlanAction
    const forced = await planAction(spec, validateInput(spec, { module: 'visits', path: 'reports' }), services, { cwd: APP, force: true })
    assert.equal(forced.changes.find((c) => c.path.endsWith('reports/page.tsx'))?.kind, 'edit')
  })
})

describe('the in-memory FileSystem', () => {
  it('behaves as the disk does where the engine relies on it', async () => {
    const fs = createMemoryFileSystem({ '/a/b/one.txt': '1' })
    assert.deepEqual(await fs.readDir('/a'), [{ name: 'b', isDirectory: true }])
    assert.equal(await fs.readText('/a/b'), null)
    await assert.rejects(fs.writeNew('/a/b/one.txt', 'again'), { code: 'EEXIST' })
    await assert.rejects(fs.writeAtomic('/nowhere/x.txt', 'x'), { code: 'ENOENT' })
    assert.equal(await fs.mkdirp('/a/c/d'), '/a/c')
    assert.equal(await fs.removeEmptyDir('/a/b'), false)
    await fs.rename('/a/b', '/a/c/moved')
    assert.deepEqual(fs.files(), { '/a/c/moved/one.txt': '1' })
    await fs.writeNew('/a/c/moved/ro.txt', 'r', 0o444)
    assert.equal(await fs.isWritable('/a/c/moved/ro.txt'), false)
    await fs.remove('/a/c')
    assert.deepEqual(fs.files(), {})
    assert.equal(await fs.isDirectory('/a'), true)
  })
})
