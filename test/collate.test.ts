import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { collate } from '../dist/index.js'
import { ROOT } from './helpers.ts'

// collate() stands in for localeCompare in every sort of paths and ids; it must never order differently.
const ALPHABET = '_-:./0123456789abcdefghijklmnopqrstuvwxyz'
const OTHERS = 'AZ[]@ ~éß$+'

/** A small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

describe('collate', () => {
  it('orders as localeCompare does: plain paths, ids and keys, and strings with other characters', () => {
    const next = random(7)
    const word = (chars: string) => Array.from({ length: Math.floor(next() * 9) }, () => chars[Math.floor(next() * chars.length)]).join('')
    const words = [
      'src/modules/a/index.ts', 'src/modules/a-b/index.ts', 'src/modules/a_b/index.ts', 'src/modules/a/b', 'src/modules.ts', 'src/modules/ab',
      'visits:dashboard/a:widget', 'visits:dashboard/a-b:widget', '.mercato/generated/x.ts', 'a', 'a1', 'a10', 'a2', '', 'B', 'b', 'é',
      ...Array.from({ length: 400 }, () => word(ALPHABET)),
      ...Array.from({ length: 100 }, () => word(ALPHABET + OTHERS)),
    ]
    for (const a of words) for (const b of words.slice(0, 60)) assert.equal(collate(a, b), Math.sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`)
  })

  it('asks ICU under a locale other than English or POSIX', () => {
    // Danish sorts "aa" after "z"; the fixed order does not, so it must not be used there
    const script = "import('./dist/index.js').then(({ collate }) => console.log(collate('aa', 'z'), 'aa'.localeCompare('z')))"
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' }, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    const [ours, icu] = r.stdout.trim().split(' ').map(Number)
    assert.equal(ours, Math.sign(icu!))
  })
})
