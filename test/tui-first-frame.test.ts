import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { BIN, starterApp, tempDir } from './helpers.ts'
import { terminal } from './tmux.ts'

const hasTmux = spawnSync('tmux', ['-V']).status === 0

/** The first screen with the action list on it, taken as soon as it shows (polling, no pause). */
async function firstMenu(term: ReturnType<typeof terminal>): Promise<string> {
  let first = ''
  await term.waitUntil((screen) => {
    if (/› |new-app/.test(screen)) first = screen
    return first !== ''
  }, 'the action list')
  return first
}

describe('the menus\' first frame, drawn before ink loads', { skip: !hasTmux && 'no tmux' }, () => {
  it('is the home screen ink then draws, row for row, but for the summary line it fills in', async (t) => {
    const app = await starterApp(t)
    for (const size of [{ columns: 80, rows: 24 }, { columns: 120, rows: 40 }, { columns: 60, rows: 14 }]) {
      const term = terminal(t, `cmm-first${size.columns}`, size, `${process.execPath} ${BIN} --cwd ${app}; sleep 30`)
      const first = (await firstMenu(term)).split('\n')
      await term.waitUntil((screen) => /registry /.test(screen), 'the summary line')
      const settled = term.screen().split('\n')
      // the list is up before the app has been read: the first frame drew it
      assert.match(first[2]!, /^reading the app…/, `${size.columns}x${size.rows}`)
      assert.deepEqual(first.filter((_, i) => i !== 2), settled.filter((_, i) => i !== 2), `${size.columns}x${size.rows}`)
      assert.match(settled[4]!, /^› module {2,}scaffold a module/)
      term.keys('q')
    }
  })

  it('outside an app: the actions that need none, as ink draws them', async (t) => {
    const dir = tempDir(t)
    const term = terminal(t, 'cmm-first-noapp', { columns: 80, rows: 24 }, `${process.execPath} ${BIN} --cwd ${dir}; sleep 30`)
    const first = await firstMenu(term)
    // ink's own frame has the same rows once it has looked for the app (nothing changes on screen)
    await term.waitUntil((screen) => screen === first, 'the same frame')
    const keysBefore = term.screen()
    term.keys('Down')
    await term.waitUntil((screen) => screen !== keysBefore, 'the selection to move')
    assert.equal(first.split('\n')[1], `no app at ${dir}: create one first`)
    assert.match(first.split('\n')[2]!, /^› new-app/)
    assert.doesNotMatch(first, /^ {2}page /m)
    term.keys('q')
  })

  it('is not drawn with flags the title shows as badges: ink draws the first frame then', async (t) => {
    const app = await starterApp(t)
    const term = terminal(t, 'cmm-first-flags', { columns: 80, rows: 24 }, `${process.execPath} ${BIN} --cwd ${app} --dry-run; sleep 30`)
    const first = await firstMenu(term)
    assert.match(first.split('\n')[0]!, /^create-mercato-module {2}\[dry run\]/)
    term.keys('q')
  })
})
