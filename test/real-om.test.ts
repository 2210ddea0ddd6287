import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { createNodeFileSystem, createTree, discover, enabledModules, readModulesFile, warningText } from '../dist/index.js'
import { cli, hashTree, tempDir } from './helpers.ts'
import { PAGE, writeFiles, writeMonorepo, writeStandalone, type Expected } from './fixtures/monorepo.ts'

interface Listed { id: string; from: string; roots: string[]; pages: number; api: number; subscribers: number; workers: number }
const counts = (m: Listed | Expected) => ({ id: m.id, from: m.from, pages: 'pages' in m ? m.pages : 0, api: m.api, subscribers: m.subscribers, workers: m.workers })
const listJson = async (cwd: string) => {
  const r = await cli(['list', '--json', '--cwd', cwd])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).data as { modules: Listed[]; missing: Array<{ id: string; from: string; looked: string[] }> }
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

  it("list reads package modules' events.ts and cli.ts across the workspace", async (t) => {
    const repo = writeMonorepo(tempDir(t), { packages: { core: [{ id: 'sales', files: {
      'events.ts': "export const eventsConfig = createModuleEvents({ moduleId: 'sales', events: [{ id: 'sales.order.created', label: 'Created' }] as const })\n",
      'cli.ts': "export default [{ command: 'seed', run: async () => {} }]\n",
    } }] }, appModules: [] })
    assert.deepEqual((await listJson(repo.app)).modules.map((m) => m.id), ['sales'])
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
      assert.match(r.stderr, /^error: 2 enabled modules cannot be found: package @open-mercato\/enterprise is not installed, so its 2 enabled modules \(record_locks and sso\) cannot be found; looked in node_modules\/@open-mercato\/enterprise, \.\.\/node_modules\/@open-mercato\/enterprise, \.\.\/\.\.\/node_modules\/@open-mercato\/enterprise, \d+ more; install it \(npm install @open-mercato\/enterprise\) or disable them; nothing was generated$/m)
      assert.match(r.stderr, /nothing was generated/)
    }
    assert.equal(hashTree(repo.root), before)
    assert.deepEqual(stubRuns(repo.mercatoLog), [], 'Open Mercato\'s CLI is not run over a partial set')
  })

  it('a missing package with many modules is one clause: a few ids, "and N more", one install command', async (t) => {
    const core = Array.from({ length: 36 }, (_, i) => ({ id: `core_module_${String(i).padStart(2, '0')}` }))
    const repo = writeMonorepo(tempDir(t), { packages: { core }, unlinked: ['core'] })
    rmSync(join(repo.root, 'packages', 'core'), { recursive: true })
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, /^error: 36 enabled modules cannot be found: package @open-mercato\/core is not installed, so its 36 enabled modules \(core_module_00, core_module_01, core_module_02 and 33 more\) cannot be found; looked in [^|]*; install it \(npm install @open-mercato\/core\) or disable them; nothing was generated$/m)
    assert.equal(r.stderr.match(/npm install/g)?.length, 1)
    assert.ok(r.stderr.length < 600, `one short line, not one clause per module (${r.stderr.length} characters)`)
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
    const findings = JSON.parse(doctor.stdout).data.findings.filter((f: { check: string }) => f.check === 'missing-module')
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
    assert.match(r.stderr, /mercato generate failed \(exit 3\): stub mercato: working/)
    // Open Mercato's unbuilt checkout says why on one line and then where: the why is kept
    writeFileSync(join(repo.root, 'packages/cli/bin/mercato.js'), "#!/usr/bin/env node\nconsole.error('Error: CLI not built. Run yarn build:packages first.')\nconsole.error('Expected: /x/dist/bin.js')\nprocess.exit(1)\n")
    const unbuilt = await cli(['generate', '--cwd', repo.app])
    assert.match(unbuilt.stderr, /mercato generate failed \(exit 1\): Error: CLI not built\. Run yarn build:packages first\./)
    assert.equal(existsSync(join(repo.app, '.mercato')), false)
  })

  // Open Mercato's checkout before `yarn build:packages`: packages/cli's main (dist/index.js) is missing
  const unbuiltCli = '{ "name": "@open-mercato/cli", "main": "./dist/index.js", "bin": { "mercato": "./bin/mercato.js" } }\n'
  const UNBUILT_NOTE = /Open Mercato's CLI in packages\/cli is not built \(yarn build:packages\); generated with the bundled engine/

  it('auto passes over a workspace CLI that is not built (linked in .bin or not): the bundled engine generates and says why in one line', async (t) => {
    for (const linked of [true, false]) {
      const repo = writeMonorepo(tempDir(t), { files: { 'packages/cli/package.json': unbuiltCli } })
      if (!linked) unlinkSync(join(repo.root, 'node_modules', '.bin', 'mercato'))
      const r = await cli(['generate', '--cwd', repo.app])
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr.match(new RegExp(UNBUILT_NOTE, 'g'))?.length, 1, r.stderr)
      assert.doesNotMatch(r.stdout, UNBUILT_NOTE)
      assert.ok(existsSync(join(repo.app, '.mercato/generated/modules.generated.ts')))
      assert.deepEqual(stubRuns(repo.mercatoLog), [], 'the unbuilt CLI was not run')
      assert.equal((await cli(['generate', '--check', '--cwd', repo.app])).code, 0)
    }
  })

  it('--engine mercato on a CLI that is not built is refused up front (exit 2), with the bundled engine as the way', async (t) => {
    const repo = writeMonorepo(tempDir(t), { files: { 'packages/cli/package.json': unbuiltCli } })
    const before = hashTree(repo.root)
    const r = await cli(['generate', '--engine', 'mercato', '--cwd', repo.app])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, "error: --engine mercato: Open Mercato's CLI in packages/cli is not built (yarn build:packages); build it first\ntry: --engine bundled to use the bundled generator\n")
    const json = JSON.parse((await cli(['generate', '--engine', 'mercato', '--json', '--cwd', repo.app])).stdout)
    assert.equal(json.try, '--engine bundled to use the bundled generator')
    assert.equal(hashTree(repo.root), before)
    assert.deepEqual(stubRuns(repo.mercatoLog), [])
  })

  it('a scaffold in a checkout that is not built generates with the bundled engine in the same apply', async (t) => {
    const repo = writeMonorepo(tempDir(t), { files: { 'packages/cli/package.json': unbuiltCli } })
    const r = await cli(['module', 'visits', '--cwd', repo.app, '--yes'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, UNBUILT_NOTE)
    assert.match(readFileSync(join(repo.app, '.mercato/generated/enabled-module-ids.generated.ts'), 'utf8'), /'visits'/)
    assert.deepEqual(stubRuns(repo.mercatoLog), [])
  })

  it('mercato generate failing after a scaffold was applied says what to run instead', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    process.env.MERCATO_STUB_EXIT = '1'
    t.after(() => delete process.env.MERCATO_STUB_EXIT)
    const r = await cli(['module', 'visits', '--cwd', repo.app, '--yes'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /\nerror: applied: .*src\/modules\/visits\/index\.ts.*; the registry was not regenerated: mercato generate failed \(exit 1\): .*; fix it and run generate\ntry: regenerate with: generate --engine bundled\n$/)
    const generate = await cli(['generate', '--cwd', repo.app])
    assert.equal(generate.code, 1)
    assert.match(generate.stderr, /\ntry: --engine bundled to use the bundled generator\n$/)
  })

  it('db commands run mercato db … the same way', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const r = await cli(['db', 'migrate', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(stubRuns(repo.mercatoLog).map((run) => run.args), [['db', 'migrate']])
  })

  it("the bundled engine refuses (exit 2, nothing written) to replace Open Mercato's registry, unless --force", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    writeFiles(repo.app, { '.mercato/generated/bootstrap-registrations.generated.ts': '// AUTO-GENERATED by mercato generate registry\nexport function runBootstrapRegistrations() {}\n' })
    const before = hashTree(repo.app)
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /\.mercato\/generated holds files the bundled generator does not write \(bootstrap-registrations\.generated\.ts\): it is Open Mercato's registry/)
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

  it('a ref names a module src/modules.ts enables, from any source; a class its entities lack is a note, a module it does not enable is refused', async (t) => {
    const repo = writeMonorepo(tempDir(t), { packages: { core: [{ id: 'customers', files: { 'data/entities.ts': 'export class CustomerEntity {}\nexport class CustomerTag {}\n' } }] } })
    const r = await cli(['data-entity', 'example', 'Trip', '--field', 'customer:ref=customers.CustomerEntity', '--field', 'parent:ref=example.Trip', '--cwd', repo.app, '--yes'])
    assert.equal(r.code, 0, r.stderr)
    const out = r.stderr
    assert.match(out, /customer → customers\.CustomerEntity \(module customers\) is stored as the plain id column customer_id/)
    assert.match(out, /parent → example\.Trip \(this module\) is stored as the plain id column parent_id/)
    assert.doesNotMatch(out, /not in this app|has no entity class/)

    const typo = await cli(['data-entity', 'example', 'Trip', '--field', 'tag:ref=customers.CustomerTg', '--field', 'other:ref=customers.Nope', '--cwd', repo.app, '--yes'])
    assert.equal(typo.code, 0, typo.stderr)
    assert.match(typo.stdout + typo.stderr, /tag → customers\.CustomerTg: module customers has no entity class CustomerTg \(did you mean CustomerTag\?\); check the name/)
    assert.match(typo.stdout + typo.stderr, /other → customers\.Nope: module customers has no entity class Nope \(it declares CustomerEntity, CustomerTag\); check the name/)

    const before = hashTree(repo.root)
    const absent = await cli(['data-entity', 'example', 'Trip', '--field', 'alpha:ref=alphas.Nope', '--cwd', repo.app, '--yes'])
    assert.equal(absent.code, 2)
    assert.equal(absent.stderr, 'error: invalid --field: alpha:ref=alphas.Nope points at module "alphas", which src/modules.ts does not enable; a ref holds the id of a record of an enabled module\ntry: enable alphas first (enable alphas), or store a plain id (--field alpha:uuid)\n')
    assert.equal(hashTree(repo.root), before)
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

describe('constants resolved statically wherever discovery reads a value', () => {
  const app = (t: TestContext, files: Record<string, string>) => {
    const dir = tempDir(t)
    writeFiles(dir, { 'package.json': '{"name":"shop"}', 'src/modules.ts': oneModule('shop', '@app'), ...Object.fromEntries(Object.entries(files).map(([p, c]) => [`src/modules/shop/${p}`, c])) })
    return dir
  }
  const model = (dir: string) => discover(createTree(dir, createNodeFileSystem()))
  const handler = '\nexport default async function run() {}\n'

  it('worker queue from a local const, with id and concurrency from consts', async (t) => {
    const dir = app(t, { 'workers/sync.ts': `const QUEUE_NAME = 'shop-sync'\nconst ID = \`shop:\${QUEUE_NAME}\`\nconst CONCURRENCY = 4 as const\nexport const metadata = { queue: QUEUE_NAME, id: ID, concurrency: CONCURRENCY }${handler}` })
    assert.deepEqual((await model(dir)).modules[0]!.workers.map(({ id, queue, concurrency }) => ({ id, queue, concurrency })), [{ id: 'shop:shop-sync', queue: 'shop-sync', concurrency: 4 }])
  })

  it('worker queue as a member of an object imported from a sibling file (as const)', async (t) => {
    const dir = app(t, {
      'lib/queue.ts': "export const SHOP_QUEUES = {\n  importHistory: 'shop-import-history',\n} as const\n",
      'workers/import.ts': `import { SHOP_QUEUES } from '../lib/queue'\nexport const metadata = { queue: SHOP_QUEUES.importHistory }${handler}`,
    })
    assert.deepEqual((await model(dir)).modules[0]!.workers.map((w) => w.queue), ['shop-import-history'])
  })

  it('a string constant imported through a chain of re-exports (named, aliased and export *)', async (t) => {
    const dir = app(t, {
      'lib/bulk.ts': "export const BULK_QUEUE = 'shop-bulk'\n",
      'lib/more.ts': "export { BULK_QUEUE as RENAMED } from './bulk'\n",
      'lib/index.ts': "export * from './more'\n",
      'workers/bulk.ts': `import { RENAMED as QUEUE } from '../lib'\nexport const metadata = { queue: QUEUE }${handler}`,
    })
    assert.deepEqual((await model(dir)).modules[0]!.workers.map((w) => w.queue), ['shop-bulk'])
  })

  it('subscriber event, id and persistent from imported constants and template strings', async (t) => {
    const dir = app(t, {
      'events.ts': "const MODULE = 'shop'\nexport const SHOP_EVENTS = { CREATED: `${MODULE}.order.created` } as const\nexport const DURABLE = true\n",
      'subscribers/deliver.ts': `import { SHOP_EVENTS, DURABLE } from '../events'\nexport const metadata = { event: SHOP_EVENTS.CREATED, id: 'shop:deliver', persistent: DURABLE }${handler}`,
    })
    assert.deepEqual((await model(dir)).modules[0]!.subscribers.map(({ event, id, persistent }) => ({ event, id, persistent })), [{ event: 'shop.order.created', id: 'shop:deliver', persistent: true }])
  })

  it('API metadata: requireFeatures: [FEATURE], metadata = routeMetadata, spreads, a const path', async (t) => {
    const get = '\nexport async function GET() { return Response.json({}) }\nexport async function POST() { return Response.json({}) }\n'
    const dir = app(t, {
      'lib/acl.ts': "export const FEATURE = 'shop.orders.view'\nexport const baseMeta = { requireAuth: true, requireFeatures: [FEATURE] }\n",
      'api/a/route.ts': `import { FEATURE } from '../../lib/acl'\nexport const metadata = { GET: { requireFeatures: [FEATURE] }, POST: { requireFeatures: [FEATURE, 'shop.orders.manage'] } }${get}`,
      'api/b/route.ts': `import { baseMeta } from '../../lib/acl'\nconst routeMetadata = { GET: baseMeta, POST: { ...baseMeta, requireFeatures: ['shop.orders.manage'] } }\nexport const metadata = routeMetadata${get}`,
      'api/c/route.ts': `const PATH = '/shop/custom'\nexport const metadata = { path: PATH, requireAuth: false }${get}`,
    })
    const api = (await model(dir)).modules[0]!.api
    assert.deepEqual(api.find((r) => r.path === '/shop/a')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.orders.view'] }, POST: { requireAuth: true, requireFeatures: ['shop.orders.view', 'shop.orders.manage'] } })
    assert.deepEqual(api.find((r) => r.path === '/shop/b')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.orders.view'] }, POST: { requireAuth: true, requireFeatures: ['shop.orders.manage'] } })
    assert.deepEqual(api.find((r) => r.path === '/shop/custom')!.guards.GET, { requireAuth: false, requireFeatures: [] })
  })

  it('page metadata through a meta file that spreads and imports constants', async (t) => {
    const dir = app(t, {
      'lib/meta.ts': "export const adminOnly = { requireAuth: true, requireFeatures: ['shop.admin'] } as const\n",
      'backend/shop/settings/page.tsx': PAGE,
      'backend/shop/settings/page.meta.ts': "import { adminOnly } from '../../../lib/meta'\nconst TITLE = 'Settings'\nexport const metadata = { ...adminOnly, pageTitle: TITLE }\n",
    })
    assert.deepEqual((await model(dir)).modules[0]!.pages[0]!.guards, { requireAuth: true, requireFeatures: ['shop.admin'], requireRoles: [], title: 'Settings' })
  })

  it('re-exported pages and routes count, and the route\'s re-exported metadata is followed', async (t) => {
    const dir = app(t, {
      'backend/shop/user/[entityId]/page.tsx': PAGE,
      'backend/shop/me/page.tsx': "export { default } from '../user/[entityId]/page'\n",
      'api/orders/route.ts': "export const metadata = { GET: { requireFeatures: ['shop.view'] } }\nexport async function GET() { return Response.json([]) }\n",
      'api/orders-alias/route.ts': "export { GET, metadata } from '../orders/route'\n",
    })
    const shop = (await model(dir)).modules[0]!
    assert.deepEqual(shop.pages.map((p) => p.url), ['/backend/shop/me', '/backend/shop/user/[entityId]'])
    assert.deepEqual(shop.api.find((r) => r.path === '/shop/orders-alias')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.view'] } })
  })

  it('what truly cannot be known is said once per file, with file and line', async (t) => {
    const dir = app(t, { 'workers/dynamic.ts': `import { queueFor } from '@acme/queues'\nexport const metadata = {\n  queue: queueFor('shop'),\n  id: queueFor('id'),\n}${handler}` })
    const m = await model(dir)
    assert.deepEqual(m.modules[0]!.workers, [])
    const notes = m.warnings.map(warningText).filter((w) => w.includes('workers/dynamic.ts'))
    assert.equal(notes.length, 1)
    assert.match(notes[0]!, /^src\/modules\/shop\/workers\/dynamic\.ts:3: worker metadata cannot be read statically \(a function call\)/)
  })

  it('a constant defined through itself, or files importing each other, end as unknown instead of looping', async (t) => {
    const dir = app(t, {
      'lib/a.ts': "import { B } from './b'\nexport const A = B\n",
      'lib/b.ts': "import { A } from './a'\nexport const B = A\n",
      'workers/loop.ts': `import { A } from '../lib/a'\nconst SELF: string = SELF\nexport const metadata = { queue: A, id: SELF }${handler}`,
    })
    const m = await model(dir)
    assert.deepEqual(m.modules[0]!.workers, [])
    assert.match(m.warnings.map(warningText).join('\n'), /refers to itself/)
  })

  it('constants in package modules of the monorepo, read across the workspace', async (t) => {
    const repo = writeMonorepo(tempDir(t), {
      packages: { core: [{ id: 'communication_channels', files: {
        'lib/queue.ts': "export const CHANNEL_QUEUES = { importHistory: 'communication-channels-import' } as const\n",
        'workers/import-history.ts': `import { CHANNEL_QUEUES } from '../lib/queue'\nexport const metadata = { queue: CHANNEL_QUEUES.importHistory }${handler}`,
      } }] },
      appModules: [],
    })
    const workers = (await discover(createTree(repo.app, createNodeFileSystem()))).modules[0]!.workers
    assert.deepEqual(workers.map((w) => [w.id, w.queue]), [['communication_channels:workers:import-history', 'communication-channels-import']])
  })
})

describe('fast at Open Mercato\'s size without changing results', () => {
  it('plain-literal metadata is read without an AST, with the same values as the full reader', async (t) => {
    const dir = tempDir(t)
    writeFiles(dir, {
      'package.json': '{"name":"shop"}',
      'src/modules.ts': oneModule('shop', '@app'),
      'src/modules/shop/api/a/route.ts': "export const metadata: ApiMetadata = {\n  // who may call it\n  GET: { requireAuth: true, requireFeatures: ['shop.view',], }, /* trailing */\n  'POST': { requireAuth: false, \"requireFeatures\": [\"it's\"] },\n  rateLimit: { points: -1, duration: 1.5 },\n} as const\nexport async function GET() {}\nexport async function POST() {}\n",
      'src/modules/shop/api/b/route.ts': "const VIEW = 'shop.view'\nexport const metadata = { GET: { requireFeatures: [VIEW] } }\nexport async function GET() {}\n",
    })
    const api = (await discover(createTree(dir, createNodeFileSystem()))).modules[0]!.api
    assert.deepEqual(api.find((r) => r.path === '/shop/a')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.view'] }, POST: { requireAuth: false, requireFeatures: ["it's"] } })
    assert.deepEqual(api.find((r) => r.path === '/shop/b')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.view'] } })
  })

  it('a no-op run reuses the stat-keyed cache; a changed package file, a hand-edited output, the .env and --check behave as without it', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const gen = (...extra: string[]) => cli(['generate', '--engine', 'bundled', '--cwd', repo.app, ...extra])
    assert.equal((await gen('--check')).code, 1)
    assert.equal(existsSync(join(repo.app, '.mercato/cache/generate.json')), false, '--check leaves no cache')
    assert.equal((await gen()).code, 0)
    assert.ok(existsSync(join(repo.app, '.mercato/cache/generate.json')))
    assert.match((await gen()).stdout, /^nothing to change/)
    // a package file changes: same size, new content and mtime
    const subscriber = join(repo.root, 'packages/core/src/modules/auth/subscribers/s0.ts')
    writeFileSync(subscriber, readFileSync(subscriber, 'utf8').replace("'auth.item.e0'", "'auth.item.x0'"))
    const changed = await gen()
    assert.equal(changed.code, 0, changed.stderr)
    assert.match(changed.stdout, /^done: generate/)
    const generated = join(repo.app, '.mercato/generated')
    assert.ok(readdirSync(generated).some((f) => readFileSync(join(generated, f), 'utf8').includes("'auth.item.x0'")))
    // a generated file edited by hand is restored from the cached output
    writeFileSync(join(generated, 'api-routes.generated.ts'), '// edited\n')
    assert.match((await gen()).stdout, /api-routes\.generated\.ts/)
    // a module enabled by the .env changes the key
    writeFileSync(join(repo.app, '.env'), 'OM_ENABLE_ENTERPRISE_MODULES=true\n')
    assert.match(readFileSync(join(repo.app, '.mercato/generated/enabled-module-ids.generated.ts'), 'utf8'), /'example_customers_sync'/)
    assert.equal((await gen()).code, 0)
    assert.match(readFileSync(join(repo.app, '.mercato/generated/enabled-module-ids.generated.ts'), 'utf8'), /'record_locks'/)
  })
})
