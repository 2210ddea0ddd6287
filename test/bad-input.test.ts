import assert from 'node:assert/strict'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { assertOneError, cli, hashTree, starterApp, tempDir } from './helpers.ts'

interface Case {
  name: string
  args: string[]
  /** Changes the starter app before the command runs. */
  arrange?: (app: string) => void
  /** Run from this folder instead of the app. */
  cwd?: (app: string) => string
  message: RegExp
}

const CASES: Case[] = [
  { name: 'an id with capitals', args: ['module', 'Visits'], message: /^error: invalid <id>: "Visits" is not a module id: use snake_case/ },
  { name: 'an id with a dash', args: ['module', 'sales-orders'], message: /invalid <id>: "sales-orders" is not a module id/ },
  { name: 'an id starting with a digit', args: ['module', '1visits'], message: /invalid <id>: "1visits" is not a module id/ },
  { name: 'an id with a double underscore', args: ['module', 'sales__orders'], message: /is not a module id/ },
  { name: 'a reserved id: app', args: ['module', 'app'], message: /invalid <id>: "app" is reserved by the mercato CLI/ },
  { name: 'a reserved id: generate', args: ['module', 'generate'], message: /"generate" is reserved/ },
  { name: 'a reserved id: db', args: ['module', 'db'], message: /"db" is reserved/ },
  { name: 'a reserved id: server', args: ['module', 'server'], message: /"server" is reserved/ },
  { name: '".." in the id', args: ['module', '../evil'], message: /invalid <id>: must not contain "\.\."/ },
  { name: '"/" in the id', args: ['module', 'a/b'], message: /invalid <id>: must not contain "\/"/ },
  { name: 'a missing id', args: ['module'], message: /missing <id>: module id/ },
  { name: 'a bad required module', args: ['module', 'visits', '--requires', 'ok,Bad'], message: /invalid --requires: "Bad" is not a module id/ },
  { name: 'a bad locale', args: ['module', 'visits', '--locales', 'english'], message: /invalid --locales: locales look like/ },
  { name: 'a bad version', args: ['module', 'visits', '--version', 'one'], message: /invalid --version: must be a version like 0.1.0/ },
  { name: 'an unknown flag', args: ['module', 'visits', '--colour', 'red'], message: /unknown flag --colour for module/ },
  { name: 'an extra argument', args: ['module', 'visits', 'extra'], message: /unexpected argument "extra"/ },
  { name: 'an unknown command', args: ['modul', 'visits'], message: /unknown command "modul"/ },
  {
    name: 'an existing module folder that differs',
    arrange: (app) => { mkdirSync(join(app, 'src/modules/visits'), { recursive: true }); writeFileSync(join(app, 'src/modules/visits/index.ts'), 'export const metadata = {}\n') },
    args: ['module', 'visits'],
    message: /src\/modules\/visits\/index.ts already exists and differs from the scaffold\ntry: pick another name, or edit src\/modules\/visits\/index\.ts by hand: create-mercato-module did not write it/,
  },
  {
    name: 'a new module with the id of one the app registers from a package',
    arrange: (app) => writeFileSync(join(app, 'src/modules.ts'), "export const enabledModules = [\n  { id: 'visits', from: '@open-mercato/core' },\n]\n"),
    args: ['module', 'visits'],
    message: /^error: module "visits" is registered from @open-mercato\/core \(src\/modules.ts:2\); a module of the app with that id would clash with it, so pick another id \(e\.g\. "my_visits"\)/,
  },
  {
    name: 'a src/modules.ts that does not parse',
    arrange: (app) => writeFileSync(join(app, 'src/modules.ts'), 'export const enabledModules = [\n  { id: \'auth\' \n'),
    args: ['module', 'visits'],
    message: /src\/modules.ts:\d+:\d+ does not parse/,
  },
  {
    name: 'a src/modules.ts without enabledModules',
    arrange: (app) => writeFileSync(join(app, 'src/modules.ts'), 'export const modules = []\n'),
    args: ['module', 'visits'],
    message: /src\/modules.ts has no "export const enabledModules = \[...\]"/,
  },
  { name: 'running outside an app', cwd: (app) => join(app, '..'), args: ['module', 'visits'], message: /no Open Mercato app at .* create one with: npx create-mercato-module new-app <dir>/ },
  {
    name: 'a read-only modules folder',
    arrange: (app) => { mkdirSync(join(app, 'src/modules')); chmodSync(join(app, 'src/modules'), 0o555) },
    args: ['module', 'visits'],
    message: /src\/modules is read-only; make it writable/,
  },
  {
    name: 'a read-only src/modules.ts',
    arrange: (app) => {
      mkdirSync(join(app, 'src/modules/extra'), { recursive: true })
      chmodSync(join(app, 'src/modules.ts'), 0o444)
    },
    args: ['enable', 'extra'],
    message: /src\/modules.ts is read-only/,
  },
  { name: 'enable from @app without the folder', args: ['enable', 'ghosts', '--from', '@app'], message: /src\/modules\/ghosts does not exist, so it cannot be enabled from @app/ },
  { name: 'enable from a bad package name', args: ['enable', 'auth', '--from', 'Not A Package'], message: /invalid --from: must be "@app" or an npm package name/ },
  { name: 'new-app onto ".."', args: ['new-app', '..'], message: /invalid <dir>: must end in a folder name, not "\.\."/ },
  { name: 'new-app with an unknown package manager', args: ['new-app', 'x', '--package-manager', 'bun'], message: /invalid --package-manager: "bun" is not one of npm, pnpm, yarn/ },
  { name: 'new-app into a folder that is not empty', arrange: (app) => writeFileSync(join(app, 'src', 'keep.txt'), 'mine\n'), args: ['new-app', 'src'], message: /src already exists and is not empty; pick a new folder\ntry: --force to write the starter files into it/ },
]

describe('bad input: one clear line, exit code 2, no file changed', () => {
  for (const c of CASES) {
    it(c.name, async (t) => {
      const app = await starterApp(t)
      c.arrange?.(app)
      const cwd = c.cwd?.(app) ?? app
      const before = hashTree(join(app, '..'))
      const result = await cli([...c.args, '--cwd', cwd])
      assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`)
      assert.match(result.stderr, c.message)
      assertOneError(result.stderr)
      assert.equal(result.stdout, '')
      assert.equal(hashTree(join(app, '..')), before, 'no file changed')
    })
  }

  it('reports bad input as JSON with --json', async (t) => {
    const dir = tempDir(t)
    const result = await cli(['module', 'Visits', '--json', '--cwd', dir])
    assert.equal(result.code, 2)
    const message = '"Visits" is not a module id: use snake_case letters and digits starting with a letter (e.g. "visits", "sales_orders")'
    assert.deepEqual(JSON.parse(result.stdout), {
      ok: false, command: 'module', exitCode: 2, error: `invalid <id>: ${message}`,
      problems: [{ field: 'id', kind: 'invalid', message, given: 'Visits' }],
    })
  })

  it('names every missing and invalid input in its one line, the first in full; --json lists them as problems', async (t) => {
    const app = await starterApp(t)
    const result = await cli(['worker', 'my_sales', '--concurrency', '500', '--cwd', app])
    assert.equal(result.code, 2)
    assert.equal(result.stderr, 'error: missing <name>: file name under workers/, e.g. send-reminders (give it as an argument); also missing --queue, invalid --concurrency\n')
    const json = JSON.parse((await cli(['worker', 'my_sales', '--concurrency', '500', '--json', '--cwd', app])).stdout)
    assert.deepEqual(json.problems.map((p: { field: string; kind: string }) => `${p.kind} ${p.field}`), ['missing name', 'missing queue', 'invalid concurrency'])
    assert.deepEqual(json.problems[2], { field: 'concurrency', kind: 'invalid', message: 'at most 100', given: 500, example: 4 })
  })
})
