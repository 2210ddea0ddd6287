/**
 * Contract 1 for the tool's own folder, command by command: with `.mercato` (or one of the entries
 * in it) a link to a folder outside the app, every command that works in an app, read-only ones
 * and dry runs too, is refused with exit 2 before it opens anything for writing, the lock
 * included, and the journal found through the link is not acted on. One app for all rows: a row
 * that changed anything would show in the next row's hash, so each row checks both hashes itself.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { assertOneError, cli, hashTree } from '../helpers.ts'
import { arena, ok, tallyMany, type Arena } from './contract.ts'

const VICTIM = 'a file of the user, outside the app\n'

// every command that works in an app, with inputs it would otherwise accept
const COMMANDS: string[][] = [
  ['module', 'billing'], ['init', 'billing'], ['page', 'visits', 'reports'], ['api', 'visits', 'stats'],
  ['subscriber', 'visits', 'notify', '--event', 'visits.visit.created'], ['event', 'visits', 'visit.closed'],
  ['worker', 'visits', 'sync', '--queue', 'visits-sync'], ['cli', 'visits', 'seed-visits'],
  ['widget', 'visits', 'summary', '--kind', 'dashboard'], ['entity', 'visits', 'note', '--field', 'body:multiline'],
  ['data-entity', 'visits', 'Visit', '--field', 'title:string'], ['extension', 'visits', 'CustomerVisit', '--base', 'customers:customer'],
  ['override', 'visits', 'index.ts'], ['enable', 'visits'], ['disable', 'visits'], ['add', '@acme/loyalty'], ['undo'], ['upgrade'],
  ['generate'], ['generate', '--check'], ['list'], ['doctor'], ['doctor', '--fix'],
  ['templates', 'list'], ['templates', 'eject'], ['agents'], ['db', 'status'], ['db', 'generate'], ['db', 'migrate'], ['db', 'greenfield'],
]

function linkMercato(a: Arena): void {
  renameSync(join(a.app, '.mercato'), join(a.outside, 'mercato'))
  symlinkSync(join(a.outside, 'mercato'), join(a.app, '.mercato'))
  // what a hostile repository would carry there: a journal that deletes a file outside
  const victim = join(a.outside, 'victim.txt')
  writeFileSync(join(a.outside, 'mercato/journal.json'), JSON.stringify({ version: 1, pid: 1, action: 'module', root: a.app, writes: [{ path: victim, before: null, beforeMode: null, afterHash: 'x', temp: victim }], createdDirs: [] }))
}

/** Runs every row on `a`; returns the rows that broke the contract, with why. */
async function sweep(a: Arena, rows: string[][], message: RegExp): Promise<string[]> {
  const broken: string[] = []
  for (const args of rows) {
    const before = a.snapshot()
    const r = await cli([...args, '--cwd', a.app])
    try {
      assert.equal(r.code, 2, r.stderr)
      if (args.includes('--json')) assert.match(JSON.parse(r.stdout).error, new RegExp(message.source.replace(/^\^error: /, '^')))
      else {
        assert.match(r.stderr, message)
        assertOneError(r.stderr)
      }
      assert.deepEqual(a.snapshot(), before, 'nothing changed inside or outside')
      assert.equal(readFileSync(join(a.outside, 'victim.txt'), 'utf8'), VICTIM)
    } catch (error) {
      broken.push(`${args.join(' ')}: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  return broken
}

describe('1f. a linked .mercato, every command', () => {
  it('every command, and each as a dry run: exit 2, the link named, no lock written through it', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits', '--quiet'])
    linkMercato(a)
    // reports take no --dry-run (they write nothing to begin with), nor does add (it installs)
    const noDryRun = (c: string[]) => c.includes('--check') || ['list', 'add'].includes(c[0]!) || ['templates list', 'db status'].includes(c.join(' '))
    const rows = [...COMMANDS, ...COMMANDS.filter((c) => !noDryRun(c)).map((c) => [...c, '--dry-run']), ['list', '--json'], ['doctor', '--json'], ['module', 'billing', '--json']]
    const broken = await sweep(a, rows, /^error: refused: \.mercato is a link to .*outside\/mercato, outside the app; nothing was changed/)
    assert.equal(existsSync(join(a.outside, 'mercato/lock')), false, 'no lock outside')
    tallyMany(rows.length, rows.length - broken.length)
    assert.deepEqual(broken, [])
  })

  for (const name of ['cache', 'generated', 'templates', 'db']) {
    it(`.mercato/${name} a link outside: every command refuses it`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'visits', '--quiet'])
      mkdirSync(join(a.outside, name))
      rmSync(join(a.app, '.mercato', name), { recursive: true, force: true })
      symlinkSync(join(a.outside, name), join(a.app, '.mercato', name))
      const rows = [['list'], ['doctor'], ['generate'], ['generate', '--check'], ['module', 'billing'], ['page', 'visits', 'reports', '--dry-run'], ['db', 'status'], ['templates', 'list']]
      const broken = await sweep(a, rows, new RegExp(`^error: refused: \\.mercato/${name} is a link to .*, outside the app`))
      tallyMany(rows.length, rows.length - broken.length)
      assert.deepEqual(broken, [])
    })
  }
})
