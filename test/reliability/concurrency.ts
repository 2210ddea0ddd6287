/** Contract 4: one run at a time per app, from its first read to its last write, follow-ups included. */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, it } from 'node:test'
import { cli } from '../helpers.ts'
import { arena, tallyMany } from './contract.ts'

const bin = join(import.meta.dirname, '../../bin/create-mercato-module.js')

interface Run { args: string[]; code: number; stdout: string; stderr: string }

/**
 * The dist binary as a user starts it. The lock wait is lifted far beyond any run's length: the
 * test asserts serialisation, not speed, so a loaded machine only makes it slower.
 */
function run(app: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--json', '--cwd', app], { env: { ...process.env, CMM_LOCK_WAIT_MS: '900000' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => { stdout += chunk })
    child.stderr.on('data', (chunk) => { stderr += chunk })
    child.on('error', reject)
    child.on('close', (code) => resolve({ args, code: code ?? -1, stdout, stderr }))
  })
}

const changesOf = (r: Run): Array<{ path: string; kind: string }> => (JSON.parse(r.stdout) as { plan?: { changes: Array<{ path: string; kind: string }> } }).plan?.changes ?? []

const registered = (app: string) => [...readFileSync(join(app, 'src/modules.ts'), 'utf8').matchAll(/id: '([^']+)'/g)].map((m) => m[1]!).sort()
const moduleFolders = (app: string) => readdirSync(join(app, 'src/modules')).filter((id) => existsSync(join(app, 'src/modules', id, 'index.ts'))).sort()

const ROUNDS = 20

describe('4. parallel runs of mixed commands, undo included', () => {
  // counted per run (tallyMany), not as one attack
  it('20 rounds of 6 parallel runs: each waits for the lock, none fails, every run plans against the state the one before it left', async (t) => {
    const a = await arena(t)
    // history deep enough that two undos a round never reach the module the pages go into
    for (const args of [['module', 'base', '--with-page'], ['module', 'seed1'], ['module', 'seed2']]) {
      const r = await run(a.app, args)
      assert.equal(r.code, 0, r.stderr)
    }
    // files under src/modules: +1 per create and -1 per delete by a run that succeeded; serialised
    // runs leave exactly the files whose count is 1, whatever order the lock gave them
    const count = new Map<string, number>()
    for (const file of readdirSync(join(a.app, 'src/modules'), { recursive: true, withFileTypes: true })) {
      if (file.isFile()) count.set(relative(a.app, join(file.parentPath, file.name)).split(sep).join('/'), 1)
    }
    let held = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const runs = await Promise.all([
        ['module', `r${round}a`, '--with-page'],
        ['undo'],
        ['page', 'base', `p${round}`],
        ['undo'],
        ['module', `r${round}b`],
        ['generate'],
      ].map((args) => run(a.app, args)))
      for (const r of runs) {
        assert.equal(r.code, 0, `round ${round}: ${r.args.join(' ')} failed: ${r.stdout}${r.stderr}`)
        for (const change of changesOf(r)) {
          if (!change.path.startsWith('src/modules/')) continue
          if (change.kind === 'create') count.set(change.path, (count.get(change.path) ?? 0) + 1)
          if (change.kind === 'delete') count.set(change.path, (count.get(change.path) ?? 0) - 1)
        }
      }
      for (const [path, n] of count) {
        assert.ok(n === 0 || n === 1, `round ${round}: ${path} was created ${n} times more than deleted: two runs planned against the same state`)
        assert.equal(existsSync(join(a.app, path)), n === 1, `round ${round}: ${path} ${n === 1 ? 'should exist' : 'should be gone'}`)
      }
      const expected = [...count].filter(([path, n]) => n === 1 && /^src\/modules\/[^/]+\/index\.ts$/.test(path)).map(([path]) => path.split('/')[2]!).sort()
      assert.deepEqual(moduleFolders(a.app), expected, `round ${round}: module folders`)
      assert.deepEqual(registered(a.app), expected, `round ${round}: src/modules.ts registers exactly the modules on disk`)
      const check = await cli(['generate', '--check', '--cwd', a.app])
      assert.equal(check.code, 0, `round ${round}: the registry is stale: ${check.stderr}`)
      assert.equal(existsSync(join(a.app, '.mercato/lock')), false, `round ${round}: no lock is left`)
      assert.equal(existsSync(join(a.app, '.mercato/journal.json')), false, `round ${round}: no journal is left`)
      held += runs.length
    }
    tallyMany(ROUNDS * 6, held)
  })
})

