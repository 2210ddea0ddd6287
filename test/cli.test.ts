import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { ROOT, cli, spawnCli, starterApp, tempDir } from './helpers.ts'

describe('the command line', () => {
  it('--help lists every command, the global flags and the exit codes', async () => {
    const result = await cli(['--help'])
    assert.equal(result.code, 0)
    for (const command of ['new-app <dir>', 'module <id>', 'enable <id>', 'disable <id>', 'generate']) assert.match(result.stdout, new RegExp(`\\n  ${command} `))
    for (const flag of ['--cwd <dir>', '--dry-run', '--diff', '--json', '--yes', '--force', '--no-generate', '--quiet']) assert.ok(result.stdout.includes(flag), flag)
    assert.match(result.stdout, /Exit codes: 0 .* 1 .* 2 bad input/)
  })

  it('the help of an action is derived from its spec', async () => {
    const { stdout, code } = await cli(['module', '--help'])
    assert.equal(code, 0)
    assert.match(stdout, /Usage: create-mercato-module module <id> \[flags\]/)
    assert.match(stdout, /alias: init/)
    assert.match(stdout, /<id> +module id: snake_case/)
    assert.match(stdout, /--title <value> +human readable title/)
    assert.match(stdout, /--requires <a,b> +module ids this module needs/)
    assert.match(stdout, /--locales <a,b> +i18n locales, comma-separated \(default: en\)/)
    assert.match(stdout, /--with-page +also scaffold a backend page/)
    assert.match(stdout, /--version <value> +module version \(default: 0.1.0\)/)
    assert.match(stdout, /--no-generate/)
    assert.match((await cli(['init', '--help'])).stdout, /Usage: create-mercato-module module <id>/)
  })

  it('a command group without its subcommand lists the subcommands', async () => {
    const bare = await cli(['db'])
    assert.equal(bare.code, 2)
    assert.match(bare.stderr, /^error: "db" takes one of: status, generate, migrate, greenfield/)
    assert.match((await cli(['db', 'seed'])).stderr, /unknown command "db seed"; "db" takes one of/)
    const help = await cli(['db', '--help'])
    assert.equal(help.code, 0)
    assert.match(help.stdout, /\n  db migrate +apply pending migrations/)
    assert.match((await cli(['db', 'migrate', '--help'])).stdout, /Usage: create-mercato-module db migrate \[flags\]/)
  })

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    assert.equal((await cli(['--version'])).stdout, `${pkg.version}\n`)
  })

  it('with no arguments and no terminal, prints help and exits 2 instead of waiting for input', () => {
    const result = spawnCli([])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /Usage: create-mercato-module <command>/)
    assert.match(result.stderr, /error: no command given, and there is no terminal for the interactive menus/)
  })

  it('works from a subfolder of the app, and from --cwd', async (t) => {
    const app = await starterApp(t)
    const deep = join(app, 'types', 'open-mercato')
    const result = spawnCli(['module', 'visits', '--no-generate'], { cwd: deep })
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /\+ create src\/modules\/visits\/index.ts/)
  })

  it('the scripted path never loads ink or React', async (t) => {
    const app = await starterApp(t)
    const log = join(tempDir(t), 'loaded.txt')
    const hook = join(tempDir(t), 'hook.mjs')
    writeFileSync(hook, `import { registerHooks } from 'node:module'
import { appendFileSync } from 'node:fs'
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context) } })
`)
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, join(ROOT, 'bin/create-mercato-module.js'), 'module', 'visits', '--cwd', app], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    const loaded = readFileSync(log, 'utf8').trim().split('\n').filter((u) => u.startsWith('file:'))
    assert.ok(loaded.some((u) => u.endsWith('/dist/cli.js')))
    assert.ok(loaded.some((u) => u.includes('/node_modules/node-plop/') || u.includes('/dist/')), 'the hook saw the modules')
    const uiModules = loaded.filter((u) => /\/node_modules\/(ink|react|react-reconciler|yoga-layout)\/|\/dist\/tui\.js$/.test(u))
    assert.deepEqual(uiModules, [])
  })
})
