/**
 * The reliability suite's shared pieces: an app with a folder beside it that must never change,
 * and `attack`, a test that counts what was attempted and what held.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it, type TestContext } from 'node:test'
import { assertOneError, cli, hashTree, starterApp, tempDir, type CliResult } from '../helpers.ts'

const tally = { attempted: 0, held: 0 }
let reported = false

/** One attack on the contract: a test that counts as held only when every assertion in it passed. */
export function attack(title: string, body: (t: TestContext) => Promise<void>, count = 1): void {
  it(title, async (t) => {
    tally.attempted += count
    await body(t)
    tally.held += count
  })
}

/** Adds attacks that ran inside one test (a matrix), `held` of `attempted`. */
export function tallyMany(attempted: number, held: number): void {
  tally.attempted += attempted
  tally.held += held
}

export function reportTally(): void {
  after(() => {
    if (reported) return
    reported = true
    process.stdout.write(`reliability: attempted ${tally.attempted}, held ${tally.held}\n`)
  })
}

export interface Arena {
  app: string
  /** A folder beside the app with a file in it: no command may change it. */
  outside: string
  /** Hashes of the app and the outside folder now. */
  snapshot(): { app: string; outside: string }
}

let template: string | undefined

/** A starter app (copied from one made once per process) and a folder outside it. */
export async function arena(t: TestContext): Promise<Arena> {
  if (!template) {
    const made = await starterApp(t, 'template')
    const dir = mkdtempSync(join(tmpdir(), 'cmm-template-'))
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    template = join(dir, 'shop')
    cpSync(made, template, { recursive: true, verbatimSymlinks: true })
  }
  const parent = tempDir(t, 'cmm-arena-')
  const app = join(parent, 'shop')
  cpSync(template, app, { recursive: true, verbatimSymlinks: true })
  const outside = join(parent, 'outside')
  mkdirSync(outside)
  writeFileSync(join(outside, 'victim.txt'), 'a file of the user, outside the app\n')
  return { app, outside, snapshot: () => ({ app: hashTree(app), outside: hashTree(outside) }) }
}

/** Runs the CLI and asserts the refusal contract: the exit code, the message, and nothing changed inside or outside the app. */
export async function refused(a: Arena, args: string[], code: number, message: RegExp, overrides?: Parameters<typeof cli>[1]): Promise<CliResult> {
  const before = a.snapshot()
  const result = await cli([...args, '--cwd', a.app], overrides)
  assert.equal(result.code, code, `exit code of ${args.join(' ')}: ${result.stderr}`)
  assert.match(result.stderr, message)
  assertOneError(result.stderr)
  assert.deepEqual(a.snapshot(), before, `nothing changed after ${args.join(' ')}`)
  return result
}

export async function ok(a: Arena, args: string[], overrides?: Parameters<typeof cli>[1]): Promise<CliResult> {
  const result = await cli([...args, '--cwd', a.app], overrides)
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
  return result
}
