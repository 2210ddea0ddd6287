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
    const complete = (...words: string[]) => {
      const script = [
        'eval "$(create-mercato-module completion bash)"',
        `COMP_WORDS=(create-mercato-module ${words.map((w) => `'${w}'`).join(' ')})`,
        `COMP_CWORD=${words.length}`,
        '_create_mercato_module',
        'printf "%s\\n" "${COMPREPLY[@]}"',
      ].join('\n')
      const r = spawnSync('bash', ['--norc', '-c', script], { cwd: app, encoding: 'utf8', env: { ...process.env, PATH: `${shims}:${process.env.PATH}` } })
      assert.equal(r.status, 0, r.stderr)
      return r.stdout.split('\n').filter(Boolean)
    }
    assert.deepEqual(complete('modul'), ['module'])
    assert.deepEqual(complete('db', 'mi'), ['migrate'])
    assert.deepEqual(complete('module', 'visits', '--with-p'), ['--with-page'])
    assert.deepEqual(complete('page', 'visits', 'r', '--area', ''), ['backend', 'frontend'])
    assert.deepEqual(complete('page', ''), ['visits'], 'module ids of the app in the current folder')
    assert.deepEqual(complete('api', 'visits', 'stats', '--dr'), ['--dry-run'])
    assert.deepEqual(complete('db', 'status', '--dr'), [], 'only the flags the command takes')
    assert.deepEqual(complete('completion', ''), ['bash', 'zsh', 'fish'])
  })

  it('prints a script for zsh and fish, and refuses another shell', async () => {
    assert.match((await cli(['completion', 'zsh'])).stdout, /^#compdef create-mercato-module\n[\s\S]*compdef _create_mercato_module create-mercato-module/)
    assert.match((await cli(['completion', 'fish'])).stdout, /complete -c create-mercato-module -f -a '\(create-mercato-module __complete/)
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
