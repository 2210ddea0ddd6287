import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, tempDir } from './helpers.ts'
import { writeFiles } from './fixtures/monorepo.ts'

/** An app with no dependencies (so installing touches no registry) and two local packages, one shipping modules. */
function workspace(t: import('node:test').TestContext) {
  const root = tempDir(t)
  writeFiles(root, {
    'app/package.json': '{ "name": "shop", "private": true }\n',
    'app/src/modules.ts': "// modules of the shop\nexport const enabledModules = [\n  { id: 'home', from: '@app' },\n]\n",
    'app/src/modules/home/index.ts': "export const metadata = { name: 'home' }\n",
    'loyalty/package.json': '{ "name": "@acme/loyalty", "version": "1.0.0" }\n',
    'loyalty/dist/modules/loyalty/index.js': "export const metadata = { name: 'loyalty' }\n",
    'loyalty/dist/modules/loyalty/backend/loyalty/page.js': 'export default function Page() { return null }\n',
    'loyalty/dist/modules/rewards/index.js': "export const metadata = { name: 'rewards' }\n",
    'tools/package.json': '{ "name": "@acme/tools", "version": "1.0.0" }\n',
    'tools/index.js': 'export const x = 1\n',
  })
  process.env.npm_config_offline = 'true'
  t.after(() => delete process.env.npm_config_offline)
  return { app: join(root, 'app'), root }
}

describe('add', () => {
  it('installs a local folder package with npm, enables every module it ships, regenerates; undo disables them', async (t) => {
    const { app } = workspace(t)
    const modulesBefore = readFileSync(join(app, 'src/modules.ts'), 'utf8')
    const r = await cli(['add', '../loyalty', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /added @acme\/loyalty with npm: enabled loyalty, rewards in src\/modules\.ts and regenerated/)
    assert.equal(readFileSync(join(app, 'src/modules.ts'), 'utf8'), modulesBefore.replace("  { id: 'home', from: '@app' },\n", "  { id: 'home', from: '@app' },\n  { id: 'loyalty', from: '@acme/loyalty' },\n  { id: 'rewards', from: '@acme/loyalty' },\n"))
    assert.match(readFileSync(join(app, 'package.json'), 'utf8'), /"@acme\/loyalty": ?"file:\.\.\/loyalty"/)
    const list = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    assert.ok(list.pages.some((p: { url: string }) => p.url === '/backend/loyalty'))
    assert.ok(existsSync(join(app, '.mercato/generated/modules.generated.ts')))
    assert.equal((await cli(['undo', '--yes', '--cwd', app])).code, 0)
    assert.equal(readFileSync(join(app, 'src/modules.ts'), 'utf8'), modulesBefore)
  })

  it('a tarball with --module enables only that module', async (t) => {
    const { app, root } = workspace(t)
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', root], { cwd: join(root, 'loyalty'), encoding: 'utf8' }).trim()
    const r = await cli(['add', join(root, tgz), '--module', 'rewards', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(readFileSync(join(app, 'src/modules.ts'), 'utf8'), /\{ id: 'rewards', from: '@acme\/loyalty' \},\n\]/)
    assert.doesNotMatch(readFileSync(join(app, 'src/modules.ts'), 'utf8'), /id: 'loyalty'/)
    assert.ok(existsSync(join(app, 'node_modules/@acme/loyalty/dist/modules/rewards/index.js')))
  })

  it('refuses a package that ships no modules, or lacks the --module asked for, before installing or touching src/modules.ts', async (t) => {
    const { app, root } = workspace(t)
    writeFiles(root, { 'loose/dist/modules/x/index.js': 'export {}\n', 'broken/package.json': '{ "name": "@acme/broken", }\n' })
    const before = hashTree(app)
    for (const [args, message] of [
      [['add', '../tools'], /@acme\/tools ships no modules \(no dist\/modules\/<id> or src\/modules\/<id>\); nothing was installed or changed/],
      [['add', '../loyalty', '--module', 'points'], /@acme\/loyalty has no module "points"; it ships loyalty, rewards/],
      [['add', '../nowhere'], /does not exist/],
      [['add', '../loose'], /^error: \S+\/loose has no package\.json: add takes a package name, a folder with a package\.json, or a \.tgz\n$/],
      [['add', '../broken'], /^error: \S+\/broken\/package\.json is not valid JSON; fix it, or add takes a package name/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), before)
      assert.ok(!existsSync(join(app, 'node_modules')))
    }
  })
})
