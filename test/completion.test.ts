import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { BIN, cli, starterApp, tempDir } from './helpers.ts'

describe('shell completion, generated from the specs', () => {
  it("bash's completion function completes commands, subcommands, flags, enum values and the app's module ids", async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--quiet', '--cwd', app])).code, 0)
    // the tool on PATH under its own name, as npm link or a global install puts it
    const shims = tempDir(t)
    mkdirSync(shims, { recursive: true })
    writeFileSync(join(shims, 'create-mercato-module'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
    chmodSync(join(shims, 'create-mercato-module'), 0o755)
    // what bash hands the function: the line up to the cursor, and its words split at ":" as well
    const completeLine = (line: string, options: { cwd?: string; path?: string } = {}) => {
      const script = [
        `eval "$(${process.execPath} ${BIN} completion bash)"`,
        `COMP_LINE=${JSON.stringify(line)}`,
        'COMP_POINT=${#COMP_LINE}',
        'COMP_WORDBREAKS=$\' \\t\\n"\\\'><=;|&(:\'',
        '_create_mercato_module',
        'printf "%s\\n" "${COMPREPLY[@]}"',
      ].join('\n')
      const r = spawnSync('bash', ['--norc', '-c', script], { cwd: options.cwd ?? app, encoding: 'utf8', env: { ...process.env, PATH: options.path ?? `${shims}:${process.env.PATH}` } })
      assert.equal(r.status, 0, r.stderr)
      return r.stdout.split('\n').filter(Boolean)
    }
    const complete = (...words: string[]) => completeLine(`create-mercato-module ${words.join(' ')}`)
    assert.deepEqual(complete('modul'), ['module'])
    assert.deepEqual(complete('db', 'mi'), ['migrate'])
    assert.deepEqual(complete('module', 'visits', '--with-p'), ['--with-page'])
    assert.deepEqual(complete('page', 'visits', 'r', '--area', ''), ['backend', 'frontend'])
    assert.deepEqual(complete('page', ''), ['visits'], 'module ids of the app in the current folder')
    assert.deepEqual(complete('api', 'visits', 'stats', '--dr'), ['--dry-run'])
    assert.deepEqual(complete('db', 'status', '--dr'), [], 'only the flags the command takes')
    assert.deepEqual(complete('completion', ''), ['bash', 'zsh', 'fish'])

    // after npx, the same; and the package name itself after npx
    assert.deepEqual(completeLine('npx create-m'), ['create-mercato-module'])
    assert.deepEqual(completeLine('npx create-mercato-module page '), ['visits'])
    assert.deepEqual(completeLine('npx create-mercato-module db mi'), ['migrate'])
    assert.deepEqual(completeLine('npx other-tool '), [], 'another package is left to the shell')
    // the kinds after --field name: (bash replaces what follows the ":"), then its flags
    assert.deepEqual(completeLine('npx create-mercato-module data-entity visits Visit --field plate:te'), ['text', 'textarea'])
    assert.deepEqual(completeLine('create-mercato-module entity visits thing --field title:text:required,fi'), ['required,filterable'])
    assert.equal((await cli(['event', 'visits', 'visit.created', '--quiet', '--cwd', app])).code, 0)
    assert.deepEqual(completeLine('npx create-mercato-module subscriber visits notify --event '), ['visits.visit.created'], 'declared events')

    // the app's own copy in node_modules/.bin answers, with none on PATH
    const local = join(tempDir(t), 'shop')
    mkdirSync(join(local, 'node_modules/.bin'), { recursive: true })
    writeFileSync(join(local, 'node_modules/.bin/create-mercato-module'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
    chmodSync(join(local, 'node_modules/.bin/create-mercato-module'), 0o755)
    mkdirSync(join(local, 'src'))
    assert.deepEqual(completeLine('npx create-mercato-module db st', { cwd: join(local, 'src'), path: '/usr/bin:/bin' }), ['status'])
  })

  it('prints a script for zsh and fish, and refuses another shell', async () => {
    assert.match((await cli(['completion', 'zsh'])).stdout, /^#compdef create-mercato-module npx\n[\s\S]*\$bin __complete [\s\S]*compdef _create_mercato_module create-mercato-module npx\n$/)
    const fish = (await cli(['completion', 'fish'])).stdout
    assert.match(fish, /\$bin __complete \$words\[\(math \$at \+ 1\)\.\.-1\] \(commandline -ct\)/)
    assert.match(fish, /complete -c create-mercato-module -f -a '\(__create_mercato_module_complete\)'/)
    assert.match(fish, /complete -c npx -n '__fish_seen_subcommand_from create-mercato-module' -f -a '\(__create_mercato_module_complete\)'/)
    const bad = await cli(['completion', 'tcsh'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /^error: completion needs a shell: bash, zsh, fish/)
  })

  it('completion --help and help completion say how each shell loads it; an unknown flag is refused', async () => {
    for (const args of [['completion', '--help'], ['help', 'completion']]) {
      const r = await cli(args)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^Usage: create-mercato-module completion bash\|zsh\|fish\n/)
      assert.match(r.stdout, /zsh: +eval "\$\(create-mercato-module completion zsh\)" +in ~\/\.zshrc, after compinit/)
    }
    const bad = await cli(['completion', 'bash', '--bogus'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /^error: unknown flag --bogus for completion/)
  })
})
