/**
 * The fast layer: plans made and applied on an in-memory file system, in-process, in milliseconds
 * (as Nx devkit tests run generators on an in-memory tree). The end-to-end tests run the built tool
 * on real folders; these pin what a plan writes.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { applyPlan, createServices, createTree, findAction, planAction, validateInput, type ActionSpec, type PlanAction } from '../dist/index.js'
import { createMemoryFileSystem, lockFile, moduleSource } from '../dist/testing.js'

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

describe('more plans on an in-memory file system', () => {
  // One scaffold of every kind the tests above do not make, each planned and applied in memory:
  // nothing here may read or write the disk, so an action that bypasses the FileSystem fails.
  const SCAFFOLDS: Array<{ words: string[]; raw: Record<string, unknown>; writes: string[] }> = [
    { words: ['subscriber'], raw: { module: 'visits', name: 'on-visit', event: 'visits.visit.created' }, writes: ['src/modules/visits/subscribers/on-visit.ts'] },
    { words: ['event'], raw: { module: 'visits', event: 'visits.visit.closed' }, writes: ['src/modules/visits/events.ts'] },
    { words: ['worker'], raw: { module: 'visits', name: 'tally', queue: 'visits-tally' }, writes: ['src/modules/visits/workers/tally.ts'] },
    { words: ['cli'], raw: { module: 'visits', command: 'recount' }, writes: ['src/modules/visits/cli.ts'] },
    { words: ['widget'], raw: { module: 'visits', name: 'today', kind: 'dashboard' }, writes: ['src/modules/visits/widgets/dashboard/today/widget.ts'] },
    { words: ['entity'], raw: { module: 'visits', name: 'visit_note', field: ['body:text'] }, writes: ['src/modules/visits/ce.ts'] },
    { words: ['data-entity'], raw: { module: 'visits', name: 'Visit', field: ['place:string'] }, writes: ['src/modules/visits/data/entities.ts'] },
    { words: ['templates', 'eject'], raw: { kind: 'page' }, writes: ['.mercato/templates/page/page.tsx.hbs'] },
  ]

  it('every other scaffold kind plans and applies in memory: its files, nothing on the disk, a rerun plans nothing new', async () => {
    const { fs, services } = await newApp()
    await applied(services, ['module'], { id: 'visits' })
    for (const { words, raw, writes } of SCAFFOLDS) {
      const p = await applied(services, words, raw)
      const paths = p.changes.map((c) => c.path)
      for (const file of writes) {
        assert.ok(paths.includes(file), `${words.join(' ')} plans ${file}: ${paths.join(', ')}`)
        assert.ok(`${APP}/${file}` in fs.files(), `${words.join(' ')} wrote ${file}`)
      }
    }
    assert.equal(existsSync(APP), false, 'nothing reached the disk')
  })

  it('disable, enable and undo edit src/modules.ts and take back files in memory, newest first', async () => {
    const { fs, services } = await newApp()
    await applied(services, ['module'], { id: 'visits' })
    await applied(services, ['page'], { module: 'visits', path: 'reports' })
    const modulesFile = () => fs.files()[`${APP}/src/modules.ts`]!
    await applied(services, ['disable'], { id: 'visits' })
    assert.doesNotMatch(modulesFile(), /\{ id: 'visits', from: '@app' \}/)
    await applied(services, ['enable'], { id: 'visits' })
    assert.match(modulesFile(), /\{ id: 'visits', from: '@app' \}/)
    const page = `${APP}/src/modules/visits/backend/visits/reports/page.tsx`
    assert.ok(page in fs.files())
    // undo takes back one command at a time, newest first: enable, then disable, then the page
    assert.match((await applied(services, ['undo'], {})).summary, /^undo enable/)
    assert.doesNotMatch(modulesFile(), /\{ id: 'visits', from: '@app' \}/)
    assert.match((await applied(services, ['undo'], {})).summary, /^undo disable/)
    assert.match(modulesFile(), /\{ id: 'visits', from: '@app' \}/)
    assert.match((await applied(services, ['undo'], {})).summary, /^undo page/)
    assert.equal(page in fs.files(), false, 'undo removed the page')
    assert.equal(existsSync(APP), false, 'nothing reached the disk')
  })

  it('discovery reads package modules outside the app through the FileSystem, links to folders as folders', async () => {
    const fs = createMemoryFileSystem({
      '/memory/mono/apps/shop/src/modules.ts': "export const enabledModules = [{ id: 'auth' }]\n",
      '/memory/mono/packages/core/src/modules/auth/index.ts': "export const metadata = { name: 'auth' }\n",
    })
    const source = moduleSource(createTree('/memory/mono/apps/shop', fs))
    const modules = '../../packages/core/src/modules'
    assert.deepEqual(await source.list(modules), ['auth'])
    assert.equal(await source.isDirectory(`${modules}/auth`), true)
    assert.equal(await source.read(`${modules}/auth/index.ts`), "export const metadata = { name: 'auth' }\n")
    assert.equal(await source.read(`${modules}/auth/missing.ts`), null)
  })

  it('watch reports what changes under a folder, relative to it, until closed', async () => {
    const fs = createMemoryFileSystem({ '/w/app/a.txt': 'a' })
    const seen: string[] = []
    const close = fs.watch('/w/app', (path: string) => seen.push(path))
    await fs.writeAtomic('/w/app/a.txt', 'b')
    await fs.mkdirp('/w/app/src')
    await fs.writeNew('/w/app/src/b.ts', 'x')
    await fs.writeNew('/w/outside.txt', 'x')
    close()
    await fs.removeFile('/w/app/a.txt')
    assert.deepEqual(seen, ['a.txt', 'src/b.ts'])
  })

  it('generate in memory keeps its no-op cache in memory too, and the cache sees a change made since', async () => {
    const { fs, services } = await newApp()
    await applied(services, ['module'], { id: 'visits' })
    await applied(services, ['generate'], {})
    assert.ok(`${APP}/.mercato/cache/generate.json` in fs.files(), 'the cache is written to the app in memory')
    assert.equal(existsSync('/memory'), false, 'nothing reached the disk')
    await fs.mkdirp(`${APP}/src/modules/visits/backend/visits/live`)
    await fs.writeNew(`${APP}/src/modules/visits/backend/visits/live/page.tsx`, 'export default function Live() { return null }\n')
    const again = await applied(services, ['generate'], {})
    assert.ok(again.changes.some((c) => c.path === '.mercato/generated/backend-routes.generated.ts'), again.changes.map((c) => c.path).join(', '))
    assert.match(fs.files()[`${APP}/.mercato/generated/backend-routes.generated.ts`]!, /\/backend\/visits\/live/)
  })

  it("the embedded database's lock lives in the FileSystem: held with the pid, refused while that pid lives, taken over from a dead one", async () => {
    const fs = createMemoryFileSystem({ '/db/app/.mercato/db/.keep': '' })
    const lock = '/db/app/.mercato/db/lock'
    const release = await lockFile(fs, lock, 'the embedded database', 0)
    assert.equal(fs.files()[lock], `${process.pid}\n`)
    await assert.rejects(lockFile(fs, lock, 'the embedded database', 0), /the embedded database is in use by another process \(pid \d+/)
    await release()
    assert.equal(lock in fs.files(), false)
    // a pid no process has: its lock is stale
    await fs.writeNew(lock, '2147483646\n')
    const again = await lockFile(fs, lock, 'the embedded database', 0)
    assert.equal(fs.files()[lock], `${process.pid}\n`)
    await again()
  })
})

