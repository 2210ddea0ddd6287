import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Writable } from 'node:stream'
import { main } from '../dist/index.js'
import { cli, spawnCli, starterApp } from './helpers.ts'

/** A stream that records what was written and says it is a terminal. */
class Terminal extends Writable {
  text = ''
  isTTY = true
  columns = 120
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString()
    done()
  }
}
/** What stays on screen: a carriage return plus erase-line wipes the line being drawn. */
const screen = (text: string) => text.split('\n').map((line) => line.split('\r\x1b[2K').at(-1)).filter(Boolean).join('\n')

const ESC = '\x1b['
const occurrences = (text: string, needle: string) => text.split(needle).length - 1

describe('output that reads well', () => {
  it('colours diffs and change markers when FORCE_COLOR asks, never with NO_COLOR or into a pipe', async (t) => {
    const app = await starterApp(t)
    const args = ['module', 'visits', '--dry-run', '--diff', '--cwd', app]
    const { NO_COLOR, FORCE_COLOR, ...env } = process.env
    const forced = spawnCli(args, { env: { ...env, FORCE_COLOR: '1' } })
    assert.equal(forced.code, 0, forced.stderr)
    assert.ok(forced.stdout.includes(`${ESC}32m+export const metadata`), 'added lines are green')
    assert.ok(forced.stdout.includes(`${ESC}36m@@ -0,0`), 'hunk headers are cyan')
    assert.ok(forced.stdout.includes(`${ESC}32m+ create${ESC}39m src/modules/visits/acl.ts`), 'the create marker is green')
    assert.ok(forced.stdout.includes(`${ESC}34m~ edit  ${ESC}39m src/modules.ts`), 'the edit marker is blue, readable on light backgrounds too')
    assert.ok(!forced.stdout.includes(`${ESC}33m`) && !forced.stdout.includes(`${ESC}9`), 'no yellow and no bright colours')
    assert.ok(!spawnCli(args, { env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC), 'NO_COLOR wins')
    assert.ok(!spawnCli(args, { env }).stdout.includes(ESC), 'no colour into a pipe')
  })

  it('lists the registry files one per line, with counts in plain English', async (t) => {
    const app = await starterApp(t)
    const result = await cli(['module', 'visits', '--cwd', app])
    assert.equal(result.code, 0, result.stderr)
    // the registry is part of the plan: its files are listed like the others, one per line, marked
    assert.match(result.stdout, /^ {2}~ edit   \.mercato\/generated\/modules\.generated\.ts \(registry\)$/m)
    assert.ok(result.stdout.split('\n').every((line) => line.length < 120), result.stdout)
    const entity = await cli(['entity', 'visits', 'visit', '--field', 'plate:text', '--cwd', app])
    assert.match(entity.stdout, /with 1 field in new/)
    const doctor = await cli(['doctor', '--cwd', app])
    assert.match(doctor.stdout, /doctor: 1 module, no findings/)
    assert.doesNotMatch(result.stdout + entity.stdout + doctor.stdout, /\(s\)/)
  })

  it('--quiet prints only the summary', async (t) => {
    const app = await starterApp(t)
    const result = await cli(['module', 'visits', '--quiet', '--cwd', app])
    assert.equal(result.code, 0)
    const lines = result.stdout.trimEnd().split('\n')
    assert.deepEqual(lines, ['done: module visits: Visits'])
    assert.equal(result.stderr, '')
  })

  it('after the Y/n prompt, the file list is not printed a second time', async (t) => {
    const app = await starterApp(t)
    const asked: string[] = []
    const prompter = { interactive: true, async confirm(q: string) { asked.push(q); return true } }
    const result = await cli(['module', 'visits', '--cwd', app], { prompter })
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(asked, ['Apply these changes?'])
    assert.equal(occurrences(result.stderr, 'src/modules/visits/acl.ts'), 1, 'the preview before the prompt')
    assert.equal(occurrences(result.stdout, 'src/modules/visits/acl.ts'), 0)
    assert.match(result.stdout, /^done: module visits: Visits$/m)
  })

  it('undo --diff shows the files it restores, not its own manifest as a deletion', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'visits', '--quiet', '--cwd', app])
    const result = await cli(['undo', '--dry-run', '--diff', '--cwd', app])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /--- a\/src\/modules\/visits\/acl\.ts/)
    assert.doesNotMatch(result.stdout, /a\/\.mercato\/history|"afterHash"/)
  })

  it('on a terminal, db progress is one line that the results replace: each module is printed once', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app, '--quiet'])
    await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--cwd', app, '--quiet'])
    const stdout = new Terminal()
    const stderr = new Terminal()
    const code = await main(['db', 'generate', '--cwd', app], { stdout, stderr, isTTY: false })
    assert.equal(code, 0, stderr.text)
    assert.match(stdout.text, /fleet: created src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts/)
    assert.match(stderr.text, /\[1\/1\] fleet: created/, 'progress was shown while it ran')
    assert.equal(screen(stderr.text), '', 'and nothing of it is left on screen')
  })
})
