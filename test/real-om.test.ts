import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { enabledModules, readModulesFile } from '../dist/index.js'
import { cli, hashTree, tempDir } from './helpers.ts'
import { writeFiles, writeMonorepo, writeStandalone, type Expected } from './fixtures/monorepo.ts'

interface Listed { id: string; from: string; roots: string[]; pages: number; api: number; subscribers: number; workers: number }
const counts = (m: Listed | Expected) => ({ id: m.id, from: m.from, pages: 'pages' in m ? m.pages : 0, api: m.api, subscribers: m.subscribers, workers: m.workers })
const listJson = async (cwd: string) => {
  const r = await cli(['list', '--json', '--cwd', cwd])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout) as { modules: Listed[]; missing: Array<{ id: string; from: string; looked: string[] }> }
}
const stubRuns = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: string[]; cwd: string }) : [])
const oneModule = (id: string, from: string) => `export const enabledModules = [{ id: '${id}', from: '${from}' }]\n`

describe('finding the app and its packages as Open Mercato does', () => {
  it('monorepo, from apps/mercato: every enabled module from the hoisted workspace links, with the counts the rules give', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const listed = await listJson(repo.app)
    assert.deepEqual(listed.modules.map(counts), repo.expected.map(counts))
    assert.equal(listed.modules.find((m) => m.id === 'auth')!.roots[0], '../../packages/core/src/modules/auth')
    assert.deepEqual(listed.missing, [])
  })

  it('from any folder inside the app', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const listed = await listJson(join(repo.app, 'src', 'modules', 'example'))
    assert.deepEqual(listed.modules.map((m) => m.id), repo.expected.map((m) => m.id))
  })

  it('standalone npm install: node_modules/<pkg>/dist/modules/<id>', async (t) => {
    const { app } = writeStandalone(tempDir(t), { packages: { '@open-mercato/core': [{ id: 'auth', pages: 1, apis: 2, subscribers: 1 }] }, modulesTs: oneModule('auth', '@open-mercato/core') })
    const [auth] = (await listJson(app)).modules
    assert.deepEqual(auth!.roots, ['node_modules/@open-mercato/core/dist/modules/auth'])
    assert.deepEqual(counts(auth!), { id: 'auth', from: '@open-mercato/core', pages: 1, api: 2, subscribers: 1, workers: 0 })
  })

  it('standalone with the src mirror shipped: src/modules first', async (t) => {
    const { app } = writeStandalone(tempDir(t), { srcMirror: true, packages: { '@open-mercato/core': [{ id: 'auth', apis: 1 }] }, modulesTs: oneModule('auth', '@open-mercato/core') })
    assert.deepEqual((await listJson(app)).modules[0]!.roots, ['node_modules/@open-mercato/core/src/modules/auth'])
  })

  it('an install root above the app: Node-style upward lookup, not only <app>/node_modules', async (t) => {
    const { app } = writeStandalone(tempDir(t), { installAbove: true, packages: { '@open-mercato/core': [{ id: 'auth', apis: 1 }] }, modulesTs: oneModule('auth', '@open-mercato/core') })
    assert.deepEqual((await listJson(app)).modules[0]!.roots, ['../node_modules/@open-mercato/core/dist/modules/auth'])
  })

  it('pnpm: a link into node_modules/.pnpm is an installed package, not a workspace', async (t) => {
    const { app } = writeStandalone(tempDir(t), { layout: 'pnpm', packages: { '@open-mercato/core': [{ id: 'auth', apis: 3 }] }, modulesTs: oneModule('auth', '@open-mercato/core') })
    const [auth] = (await listJson(app)).modules
    assert.deepEqual(auth!.roots, ['node_modules/@open-mercato/core/dist/modules/auth'])
    assert.equal(auth!.api, 3)
  })

  it('yarn berry with nodeLinker: node-modules', async (t) => {
    const { app } = writeStandalone(tempDir(t), { layout: 'yarn-berry', packages: { '@open-mercato/core': [{ id: 'auth', pages: 2 }] }, modulesTs: oneModule('auth', '@open-mercato/core') })
    assert.equal((await listJson(app)).modules[0]!.pages, 2)
  })

  it('a third-party package that ships modules', async (t) => {
    const { app } = writeStandalone(tempDir(t), {
      packages: { '@open-mercato/core': [{ id: 'auth' }], '@acme/mercato-loyalty': [{ id: 'loyalty', apis: 2, workers: 1 }] },
      modulesTs: "export const enabledModules = [{ id: 'auth' }, { id: 'loyalty', from: '@acme/mercato-loyalty' }]\n",
    })
    const loyalty = (await listJson(app)).modules.find((m) => m.id === 'loyalty')!
    assert.deepEqual(counts(loyalty), { id: 'loyalty', from: '@acme/mercato-loyalty', pages: 0, api: 2, subscribers: 0, workers: 1 })
    assert.deepEqual(loyalty.roots, ['node_modules/@acme/mercato-loyalty/dist/modules/loyalty'])
  })
})

describe('an enabled module that cannot be found is an error', () => {
  const broken = (t: TestContext) => writeMonorepo(tempDir(t), { unlinked: ['enterprise'], env: 'OM_ENABLE_ENTERPRISE_MODULES=on\nOM_ENABLE_ENTERPRISE_MODULES_SSO=on\n' })

  it('generate exits 1 naming each module, its from, where it looked and what to do, and writes nothing', async (t) => {
    const repo = broken(t)
    rmSync(join(repo.root, 'packages', 'enterprise'), { recursive: true })
    const before = hashTree(repo.root)
    for (const engine of ['bundled', 'auto']) {
      const r = await cli(['generate', '--engine', engine, '--cwd', repo.app])
      assert.equal(r.code, 1, r.stderr)
      assert.match(r.stderr, /2 enabled modules cannot be found: module "record_locks" \(from @open-mercato\/enterprise\) not found; looked in node_modules\/@open-mercato\/enterprise, \.\.\/node_modules\/@open-mercato\/enterprise, \.\.\/\.\.\/node_modules\/@open-mercato\/enterprise, \d+ more; install @open-mercato\/enterprise \(npm install @open-mercato\/enterprise\) or disable it \(create-mercato-module disable record_locks\) \| module "sso"/)
      assert.match(r.stderr, /nothing was generated/)
    }
    assert.equal(hashTree(repo.root), before)
    assert.deepEqual(stubRuns(repo.mercatoLog), [], 'Open Mercato\'s CLI is not run over a partial set')
  })

  it('a package that is in the workspace but lacks the module names the folders it looked in', async (t) => {
    const repo = writeMonorepo(tempDir(t), { modulesTsTail: "enabledModules.push({ id: 'ghost', from: '@open-mercato/core' })\n" })
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /module "ghost" \(from @open-mercato\/core\) not found; looked in \.\.\/\.\.\/packages\/core\/src\/modules\/ghost, \.\.\/\.\.\/packages\/core\/dist\/modules\/ghost; @open-mercato\/core has no module "ghost"/)
  })

  it('list reports them; doctor reports them as findings (exit 1)', async (t) => {
    const repo = broken(t)
    rmSync(join(repo.root, 'packages', 'enterprise'), { recursive: true })
    const listed = await listJson(repo.app)
    assert.deepEqual(listed.missing.map((m) => `${m.id} ${m.from}`), ['record_locks @open-mercato/enterprise', 'sso @open-mercato/enterprise'])
    const text = await cli(['list', '--cwd', repo.app])
    assert.match(text.stdout, /missing: module "sso" \(from @open-mercato\/enterprise\) not found/)
    const doctor = await cli(['doctor', '--json', '--cwd', repo.app])
    assert.equal(doctor.code, 1)
    const findings = JSON.parse(doctor.stdout).findings.filter((f: { check: string }) => f.check === 'missing-module')
    assert.equal(findings.length, 2)
  })

  it('an @app module without its folder', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    rmSync(join(repo.app, 'src', 'modules', 'example_customers_sync'), { recursive: true })
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /module "example_customers_sync" \(from @app\) not found; looked in src\/modules\/example_customers_sync; create it \(create-mercato-module module example_customers_sync\) or disable it/)
  })
})

describe('src/modules.ts evaluated like Open Mercato\'s resolver', () => {
  const gated = (expr: string) => `import { parseBooleanWithDefault } from '@open-mercato/shared/lib/boolean'\nexport const enabledModules = [{ id: 'auth' }]\nif (${expr}) enabledModules.push({ id: 'sso', from: '@open-mercato/enterprise' })\n`
  const ids = (source: string, env: Record<string, string | undefined> = {}) => enabledModules(readModulesFile(source, env)).map((m: { id: string }) => m.id)

  for (const word of ['1', 'true', 'yes', 'y', 'on', 'enable', 'enabled', ' TRUE ', 'Yes', 'ON']) {
    it(`parseBooleanWithDefault reads ${JSON.stringify(word)} as true`, () => {
      assert.deepEqual(ids(gated('parseBooleanWithDefault(process.env.FLAG, false)'), { FLAG: word }), ['auth', 'sso'])
    })
  }
  for (const word of ['0', 'false', 'no', 'n', 'off', 'disable', 'disabled', 'False', ' OFF ']) {
    it(`parseBooleanWithDefault reads ${JSON.stringify(word)} as false`, () => {
      assert.deepEqual(ids(gated('parseBooleanWithDefault(process.env.FLAG, true)'), { FLAG: word }), ['auth'])
    })
  }
  it('parseBooleanWithDefault falls back on anything else, and on a missing variable', () => {
    assert.deepEqual(ids(gated('parseBooleanWithDefault(process.env.FLAG, true)'), { FLAG: 'maybe' }), ['auth', 'sso'])
    assert.deepEqual(ids(gated('parseBooleanWithDefault(process.env.FLAG, false)'), {}), ['auth'])
    assert.deepEqual(ids(gated("parseBooleanWithDefault(process.env['FLAG'], true)"), {}), ['auth', 'sso'])
  })

  it('.some() over the enabledModules seen so far (a push above the entry does not see it)', () => {
    const source = `export const enabledModules = [{ id: 'auth' }]
if (enabledModules.some((entry) => entry.id === 'example')) enabledModules.push({ id: 'too_early', from: '@app' })
enabledModules.push({ id: 'example', from: '@app' })
if (enabledModules.some((entry) => entry.id === 'example')) enabledModules.push({ id: 'example_customers_sync', from: '@app' })
if (enabledModules.some(({ id }) => id === 'auth')) { enabledModules.push({ id: 'destructured', from: '@app' }) }
`
    assert.deepEqual(ids(source), ['auth', 'example', 'example_customers_sync', 'destructured'])
  })

  it('.find() and .includes(), block-bodied callbacks, and consts declared after the array', () => {
    const source = `export const enabledModules = [{ id: 'auth' }, { id: 'sales' }]
const wanted = ['sales', 'catalog']
const hasSales = enabledModules.find(function (m) { return m.id === 'sales' })
if (hasSales) enabledModules.push({ id: 'found', from: '@app' })
if (wanted.includes('catalog') && !wanted.includes('crm')) enabledModules.push({ id: 'included', from: '@app' })
if (enabledModules.find((m) => m.id === 'nope')) enabledModules.push({ id: 'not_found', from: '@app' })
`
    assert.deepEqual(ids(source), ['auth', 'sales', 'found', 'included'])
  })

  it('what cannot be read statically is undefined, as in Open Mercato: imported arrays and for loops are ignored', () => {
    const source = `import { officialModuleEntries } from './official-modules.generated'
import { extra } from './extra'
export const enabledModules = [...extra, { id: 'auth' }]
for (const entry of officialModuleEntries) enabledModules.push(entry)
for (const id of ['a']) enabledModules.push({ id })
if (runtimeCheck()) enabledModules.push({ id: 'on_call', from: '@app' })
if (!runtimeCheck()) enabledModules.push({ id: 'on_negated_call', from: '@app' })
`
    assert.deepEqual(ids(source), ['auth', 'on_negated_call'])
  })

  it("reads the app's .env as Open Mercato's CLI loads it; the process environment wins", async (t) => {
    const repo = writeMonorepo(tempDir(t), { env: 'OM_ENABLE_ENTERPRISE_MODULES=yes\n# a comment\nOM_ENABLE_ENTERPRISE_MODULES_SSO="enabled"\n' })
    assert.ok((await listJson(repo.app)).modules.some((m) => m.id === 'sso'))
    process.env.OM_ENABLE_ENTERPRISE_MODULES_SSO = 'off'
    t.after(() => delete process.env.OM_ENABLE_ENTERPRISE_MODULES_SSO)
    const ids = (await listJson(repo.app)).modules.map((m) => m.id)
    assert.ok(ids.includes('record_locks') && !ids.includes('sso'))
  })

  it('without .env, reads .env.example as the copy Open Mercato would make, and writes nothing', async (t) => {
    const repo = writeMonorepo(tempDir(t), { env: null, envExample: 'OM_ENABLE_ENTERPRISE_MODULES=true\n' })
    assert.ok((await listJson(repo.app)).modules.some((m) => m.id === 'record_locks'))
    assert.equal(existsSync(join(repo.app, '.env')), false)
  })

  it('enable of a module whose only registration is an env-gated push that is off appends an active one', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    assert.ok(!(await listJson(repo.app)).modules.some((m) => m.id === 'sso'))
    const r = await cli(['enable', 'sso', '--from', '@open-mercato/enterprise', '--cwd', repo.app, '--no-generate'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /src\/modules.ts/)
    assert.match(readFileSync(join(repo.app, 'src/modules.ts'), 'utf8'), /\{ id: 'example', from: '@app' \},\n {2}\{ id: 'sso', from: '@open-mercato\/enterprise' \},\n\]/)
    assert.ok((await listJson(repo.app)).modules.some((m) => m.id === 'sso'))
    assert.match((await cli(['enable', 'sso', '--from', '@open-mercato/enterprise', '--cwd', repo.app])).stdout, /nothing to change: module "sso" is already enabled/)
  })
})

describe('engine: Open Mercato\'s CLI wherever Node would find it; the bundled one never damages its registry', () => {
  it('auto finds the hoisted mercato at the repo root, runs it from the app folder and streams its progress', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const r = await cli(['generate', '--cwd', join(repo.app, 'src')])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /stub mercato: working/)
    assert.match(r.stdout, /mercato generate: done/)
    assert.deepEqual(stubRuns(repo.mercatoLog).map((run) => [run.args, run.cwd.endsWith('apps/mercato')]), [[['generate'], true]])
    assert.equal(existsSync(join(repo.app, '.mercato')), false, 'the bundled generator did not run')
  })

  it("the workspace's @open-mercato/cli when no .bin link exists", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    unlinkSync(join(repo.root, 'node_modules', '.bin', 'mercato'))
    const r = await cli(['generate', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(stubRuns(repo.mercatoLog).map((run) => run.args), [['generate']])
  })

  it("a failing mercato is one line with its exit code", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    process.env.MERCATO_STUB_EXIT = '3'
    t.after(() => delete process.env.MERCATO_STUB_EXIT)
    const r = await cli(['generate', '--cwd', repo.app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /mercato generate failed \(exit 3\)/)
  })

  it('db commands run mercato db … the same way', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const r = await cli(['db', 'migrate', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(stubRuns(repo.mercatoLog).map((run) => run.args), [['db', 'migrate']])
  })

  it("the bundled engine refuses (exit 2, nothing written) to replace Open Mercato's registry, unless --force", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    writeFiles(repo.app, { '.mercato/generated/modules.runtime.generated.ts': '// AUTO-GENERATED by mercato generate registry\nexport const x = 1\n' })
    const before = hashTree(repo.app)
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /\.mercato\/generated holds files the bundled generator does not write \(modules\.runtime\.generated\.ts\): it is Open Mercato's registry/)
    assert.equal(hashTree(repo.app), before)
    const forced = await cli(['generate', '--engine', 'bundled', '--force', '--cwd', repo.app])
    assert.equal(forced.code, 0, forced.stderr)
    assert.ok(existsSync(join(repo.app, '.mercato/generated/modules.generated.ts')))
    const again = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(again.code, 2, 'its own earlier output is not what makes it refuse')
  })
})

describe('scaffolding inside the monorepo', () => {
  it('new modules land in apps/mercato/src/modules and the follow-up generate runs mercato', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const r = await cli(['module', 'visits', '--cwd', repo.app, '--yes'])
    assert.equal(r.code, 0, r.stderr)
    assert.ok(existsSync(join(repo.app, 'src/modules/visits/index.ts')))
    assert.ok(!existsSync(join(repo.root, 'src')))
    assert.deepEqual(stubRuns(repo.mercatoLog).map((run) => run.args), [['generate']])
  })

  it("conflict checks see the package modules' routes", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    mkdirSync(join(repo.app, 'src/modules/auth'), { recursive: true })
    writeFileSync(join(repo.app, 'src/modules/auth/index.ts'), "export const metadata = { name: 'auth' }\n")
    const before = hashTree(repo.app)
    const api = await cli(['api', 'auth', 'r0', '--cwd', repo.app, '--yes'])
    assert.equal(api.code, 2)
    assert.match(api.stderr, /GET \/api\/auth\/r0 is already handled by \.\.\/\.\.\/packages\/core\/src\/modules\/auth\/api\/r0\/route\.ts/)
    const page = await cli(['page', 'auth', 'p0', '--cwd', repo.app, '--yes'])
    assert.equal(page.code, 2)
    assert.match(page.stderr, /\/backend\/auth\/p0 is already served by \.\.\/\.\.\/packages\/core\/src\/modules\/auth\/backend\/auth\/p0\/page\.tsx/)
    assert.equal(hashTree(repo.app), before)
  })
})
