import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ACTIONS } from '../dist/index.js'
import { cli, hashTree, read, starterApp, tempDir } from './helpers.ts'

/** Splits an example as a shell would: spaces separate words, quotes group them. */
const words = (example: string) => [...example.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!)

describe('help', () => {
  it('`help <command>` is `<command> --help`', async () => {
    const viaHelp = await cli(['help', 'page'])
    assert.equal(viaHelp.code, 0)
    assert.equal(viaHelp.stdout, (await cli(['page', '--help'])).stdout)
    assert.match(viaHelp.stdout, /^Usage: create-mercato-module page <module> \[path\] \[flags\]/)
    assert.equal((await cli(['help', 'db', 'migrate'])).stdout, (await cli(['db', 'migrate', '--help'])).stdout)
  })

  it('`db --help` starts with a usage line and lists the subcommands', async () => {
    const result = await cli(['db', '--help'])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /^Usage: create-mercato-module db <status\|generate\|migrate\|greenfield> \[flags\]\n/)
    assert.match(result.stdout, /\n {2}db migrate +apply pending migrations/)
  })

  it('each command lists, and takes, only the global flags that apply to it (derived from its spec)', async (t) => {
    const globals = async (...command: string[]) => (await cli([...command, '--help'])).stdout.split('Global flags:\n')[1]!.split('\n\n')[0]!
    // a task takes --dry-run exactly when it has a preview
    for (const spec of ACTIONS.filter((a: { kind: string }) => a.kind === 'task')) {
      const flags = await globals(...spec.name.split(' '))
      assert.equal(/--dry-run/.test(flags), spec.preview !== undefined, spec.name)
      assert.doesNotMatch(flags, /--diff|--force|--no-generate/, spec.name)
    }
    assert.match(await globals('db', 'generate'), /--dry-run[\s\S]*--yes/, 'db generate previews its SQL and --yes writes destructive SQL')
    assert.doesNotMatch(await globals('db', 'status'), /--dry-run|--diff|--yes|--force|--no-generate/)
    assert.match(await globals('db', 'greenfield'), /--yes/)
    assert.doesNotMatch(await globals('list'), /--dry-run|--diff|--yes|--force/)
    assert.match(await globals('module'), /--dry-run[\s\S]*--diff[\s\S]*--yes[\s\S]*--force[\s\S]*--no-generate/)
    assert.match(await globals('new-app'), /--no-generate/, 'a new app comes with its registry')
    assert.match(await globals('doctor'), /--dry-run/, 'doctor --fix makes a plan')
    const app = await starterApp(t)
    const refused = await cli(['db', 'status', '--dry-run', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /^error: unknown flag --dry-run for db status \(see "create-mercato-module db status --help"\)$/m)
  })

  it('every example in every help parses as that very command', async () => {
    for (const spec of ACTIONS) {
      for (const example of spec.examples) {
        const args = words(example)
        assert.ok([spec.name, ...(spec.aliases ?? [])].some((n) => example.startsWith(`${n} `) || example === n), `"${example}" runs ${spec.name}`)
        const result = await cli([...args, '--help'])
        assert.equal(result.code, 0, `${example}: ${result.stderr}`)
      }
    }
  })
})

describe('errors name the flag, say what was meant, and change nothing', () => {
  const CASES: Array<{ args: string[]; message: RegExp }> = [
    { args: ['modul', 'visits'], message: /^error: unknown command "modul"; did you mean module\? \(see "create-mercato-module --help"\)$/ },
    { args: ['db', 'migrat'], message: /^error: unknown command "db migrat"; did you mean "db migrate"\?/ },
    { args: ['module', 'visits', '--with-pages'], message: /^error: unknown flag --with-pages for module; did you mean --with-page\? \(see "create-mercato-module module --help"\)$/ },
    { args: ['module', 'visits', '--title'], message: /^error: --title needs a value \(e.g. --title "Sales orders"\)/ },
    { args: ['module', 'visits', '--with-page=yes'], message: /^error: --with-page is a switch and takes no value/ },
    { args: ['page', 'visits', 'reports', '--order', 'abc'], message: /^error: invalid --order: "abc" is not a number \(e\.g\. --order 20\)$/ },
    { args: ['page', 'visits', 'reports', '--order', '1.5'], message: /^error: invalid --order: 1\.5 is not a whole number/ },
    { args: ['page', 'visits', 'reports', '--area', 'front'], message: /^error: invalid --area: "front" is not one of backend, frontend; did you mean frontend\?$/ },
  ]
  for (const c of CASES) {
    it(c.args.join(' '), async (t) => {
      const app = await starterApp(t)
      const before = hashTree(app)
      const result = await cli([...c.args, '--cwd', app])
      assert.equal(result.code, 2, result.stderr)
      assert.match(result.stderr.trimEnd(), c.message)
      assert.equal(result.stderr.trimEnd().split('\n').length, 1)
      assert.doesNotMatch(result.stderr, /Invalid input|Option '|argument missing/)
      assert.equal(hashTree(app), before)
    })
  }

  it('HTTP methods are accepted in any case', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'my_sales', '--cwd', app, '--quiet'])).code, 0)
    const result = await cli(['api', 'my_sales', 'stats', '--methods', 'get,Post', '--cwd', app])
    assert.equal(result.code, 0, result.stderr)
    const route = read(app, 'src/modules/my_sales/api/stats/route.ts')
    assert.match(route, /export async function GET/)
    assert.match(route, /export async function POST/)
  })

  it('an unknown command outside an app still suggests', async (t) => {
    const result = await cli(['new-ap', 'x', '--cwd', tempDir(t)])
    assert.match(result.stderr, /did you mean new-app\?/)
  })
})
