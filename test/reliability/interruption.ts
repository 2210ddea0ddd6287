/** Contract 3 and 4: an apply cut short at any write is rolled back (or forward) by the next command; one run per app. */
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { Writable } from 'node:stream'
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { createNodeFileSystem, main, type FileSystem } from '../../dist/index.js'
import { cli, hashTree, tempDir, type CliResult } from '../helpers.ts'
import { arena, attack, ok, tallyMany } from './contract.ts'

const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }

/** The real disk until call `n` to anything that writes; from then on every call fails, as if the process had died there. */
function dyingAt(n: number): FileSystem & { calls: number } {
  const real = createNodeFileSystem()
  const fs = { ...real, calls: 0 } as FileSystem & { calls: number }
  for (const name of ['writeAtomic', 'writeNew', 'rename', 'mkdirp', 'remove', 'removeFile', 'removeEmptyDir'] as const) {
    (fs as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      fs.calls += 1
      if (fs.calls >= n) throw new Error('killed')
      return (real[name] as (...a: unknown[]) => Promise<unknown>)(...args)
    }
  }
  for (const name of ['readText', 'readDir', 'isDirectory', 'entry', 'realPath'] as const) {
    const read = real[name] as (...a: unknown[]) => Promise<unknown>
    ;(fs as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      if (fs.calls >= n) throw new Error('killed')
      return read(...args)
    }
  }
  return fs
}

const tempFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp') && !p.includes('node_modules'))

/**
 * For every write N of `args` on the app `prepare` leaves: kill at N, run `list`, and expect the
 * app to be exactly as before or exactly as after a clean run, with no journal and no temp file.
 */
async function killAtEveryWrite(t: Parameters<typeof arena>[0], args: string[], prepare: (app: string) => Promise<void>) {
  const a = await arena(t)
  await prepare(a.app)
  const base = join(tempDir(t, 'cmm-kill-'), 'shop')
  cpSync(a.app, base, { recursive: true, verbatimSymlinks: true })
  const before = hashTree(base)
  const clean = join(tempDir(t, 'cmm-kill-'), 'shop')
  cpSync(base, clean, { recursive: true, verbatimSymlinks: true })
  const counter = dyingAt(Number.POSITIVE_INFINITY)
  assert.equal((await cli([...args, '--cwd', clean], { fs: counter, clock })).code, 0)
  const after = hashTree(clean)
  let held = 0
  for (let n = 1; n <= counter.calls; n++) {
    const app = join(tempDir(t, 'cmm-kill-'), 'shop')
    cpSync(base, app, { recursive: true, verbatimSymlinks: true })
    const killed = await cli([...args, '--cwd', app], { fs: dyingAt(n), clock })
    assert.notEqual(killed.code, 0, `killed at write ${n}`)
    const next = await cli(['list', '--cwd', app], { clock })
    assert.equal(next.code, 0, next.stderr)
    const now = hashTree(app)
    assert.ok(now === before || now === after, `after a kill at write ${n} of ${counter.calls} and recovery the app is as before or as after (${next.stderr})`)
    assert.deepEqual(tempFiles(app), [], `no temp file after a kill at write ${n}`)
    assert.equal(existsSync(join(app, '.mercato/journal.json')), false)
    if (now === before) {
      assert.equal((await cli([...args, '--cwd', app], { clock })).code, 0)
      assert.equal(hashTree(app), after, `running it again after a kill at write ${n} gives the clean result`)
    }
    held += 1
  }
  tallyMany(counter.calls, held)
  assert.ok(counter.calls > 3)
}

describe('3. an apply cut short at any write', () => {
  attack('module --with-page --locales en,pl: killed at each write, then any command', (t) =>
    killAtEveryWrite(t, ['module', 'visits', '--with-page', '--locales', 'en,pl'], async () => {}), 0)

  attack('page: killed at each write', (t) =>
    killAtEveryWrite(t, ['page', 'visits', 'reports'], async (app) => { assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0) }), 0)

  attack('entity merged into an existing ce.ts: killed at each write', (t) =>
    killAtEveryWrite(t, ['entity', 'visits', 'note', '--field', 'body:multiline'], async (app) => {
      assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
      assert.equal((await cli(['entity', 'visits', 'note', '--field', 'title:text', '--cwd', app])).code, 0)
    }), 0)

  attack('undo: killed at each write', (t) =>
    killAtEveryWrite(t, ['undo'], async (app) => {
      assert.equal((await cli(['module', 'visits', '--with-page', '--cwd', app])).code, 0)
    }), 0)
})

describe('4. one run at a time per app', () => {
  attack('a lock held by a live process: the second run waits, then fails with one line, exit 1, nothing changed', async (t) => {
    const a = await arena(t)
    const holder = spawn('sleep', ['30'])
    t.after(() => holder.kill())
    writeFileSync(join(a.app, '.mercato/lock'), JSON.stringify({ pid: holder.pid, command: 'module', since: 'now' }))
    const before = a.snapshot()
    process.env.CMM_LOCK_WAIT_MS = '300'
    const result = await cli(['module', 'visits', '--cwd', a.app])
    delete process.env.CMM_LOCK_WAIT_MS
    assert.equal(result.code, 1)
    assert.match(result.stderr, new RegExp(`^error: another create-mercato-module \\(pid ${holder.pid}, module\\) is working in .*; nothing was changed; try again when it ends`))
    assert.deepEqual(a.snapshot(), before)
  })

  attack('a lock left by a dead process is taken over', async (t) => {
    const a = await arena(t)
    const dead = spawnSync('true').pid
    writeFileSync(join(a.app, '.mercato/lock'), JSON.stringify({ pid: dead, command: 'module', since: 'then' }))
    await ok(a, ['module', 'visits'])
    assert.equal(existsSync(join(a.app, '.mercato/lock')), false)
  })

  attack('two processes enabling two modules at once: both registrations land (no lost update)', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'one', '--no-generate'])
    await ok(a, ['module', 'two', '--no-generate'])
    await ok(a, ['disable', 'one'])
    await ok(a, ['disable', 'two'])
    const bin = join(import.meta.dirname, '../../bin/create-mercato-module.js')
    const run = (id: string) => new Promise<number>((resolve) => spawn(process.execPath, [bin, 'enable', id, '--cwd', a.app], { stdio: 'ignore' }).on('exit', (code) => resolve(code ?? -1)))
    assert.deepEqual(await Promise.all([run('one'), run('two')]), [0, 0])
    const modules = (await import('node:fs')).readFileSync(join(a.app, 'src/modules.ts'), 'utf8')
    assert.match(modules, /id: 'one'/)
    assert.match(modules, /id: 'two'/)
  })
})

/** The CLI in-process with Ctrl+C pressed on the `n`th call to the file system that writes (Infinity: never). */
async function ctrlCAtWrite(args: string[], n: number): Promise<CliResult> {
  const controller = new AbortController()
  const fs = dyingAt(Number.POSITIVE_INFINITY)
  const rename = fs.rename
  fs.rename = async (...a: Parameters<FileSystem['rename']>) => {
    if (fs.calls + 1 >= n) controller.abort()
    return rename(...a)
  }
  const out = { stdout: '', stderr: '' }
  const sink = (key: 'stdout' | 'stderr') => new Writable({ write(chunk, _enc, done) { out[key] += chunk.toString(); done() } })
  const code = await main(args, { stdout: sink('stdout'), stderr: sink('stderr'), isTTY: false, signal: controller.signal, overrides: { fs, clock } })
  return { code, ...out }
}

describe('11. Ctrl+C once the work had finished', () => {
  attack('pressed during an apply that then finished: its change list is reported, one error line says it was done, exit 130', async (t) => {
    const a = await arena(t)
    const r = await ctrlCAtWrite(['module', 'visits', '--cwd', a.app], 1)
    assert.equal(r.code, 130)
    assert.match(r.stdout, /^done: module visits: Visits\n(?:.*\n)*  \+ create src\/modules\/visits\/index\.ts\n/)
    assert.match(r.stderr, /^undo manifest: .*\n(?:next: .*\n)*error: interrupted after the work had finished: everything reported above was done\n$/)
    assert.ok(existsSync(join(a.app, 'src/modules/visits/index.ts')), 'the apply stands')
  })

  attack('pressed while the plan was made (--yes): nothing is applied, exit 130, nothing changed', async (t) => {
    const a = await arena(t)
    const before = a.snapshot()
    let stderr = ''
    const sink = new Writable({ write(chunk, _enc, done) { stderr += chunk.toString(); done() } })
    const code = await main(['module', 'visits', '--yes', '--cwd', a.app], { stdout: sink, stderr: sink, isTTY: false, signal: AbortSignal.abort() })
    assert.equal(code, 130)
    assert.equal(stderr, 'error: interrupted: nothing was changed\n')
    assert.deepEqual(a.snapshot(), before)
  })

  attack('pressed after an apply finished, with --json: the envelope holds the plan and the result, exit 130 and the error', async (t) => {
    const a = await arena(t)
    const r = await ctrlCAtWrite(['module', 'visits', '--json', '--cwd', a.app], 1)
    const envelope = JSON.parse(r.stdout)
    assert.equal(r.code, 130)
    assert.equal(envelope.exitCode, 130)
    assert.equal(envelope.ok, false)
    assert.equal(envelope.error, 'interrupted after the work had finished: everything reported above was done')
    assert.ok(envelope.plan.changes.length > 0 && envelope.result, 'the plan and what applying it did are reported')
  })
})
