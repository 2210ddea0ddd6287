import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { BIN, starterApp } from './helpers.ts'
import { terminal } from './tmux.ts'

const used = (text: string) => text.replace(/\n+$/, '').split('\n')

describe('the menus draw on the alternate screen', () => {
  it("a resize and quitting leave the terminal's scrollback as it was", async (t) => {
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is required for this test')
    const app = await starterApp(t)
    const before = Array.from({ length: 5 }, (_, i) => `SCROLLBACK-${i}`)
    const term = terminal(t, 'cmm-altscreen', { columns: 120, rows: 40 }, `printf '${before.join('\\n')}\\n'; ${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)
    await term.waitUntil((s) => /› module/.test(s) && /registry /.test(s), 'the home screen')

    term.resize(80, 24)
    // the frame drawn for the new size: it fits, title on top
    await term.waitUntil((s) => used(s).length <= 24 && /^create-mercato-module/.test(s) && /› module/.test(s), 'the menus redrawn at 80x24')
    assert.equal(used(term.history()).filter((l) => /^create-mercato-module/.test(l)).length, 1, `one frame on the menus' screen:\n${term.history()}`)

    term.keys('q')
    await term.waitUntil((s) => /TUI-EXIT-0/.test(s), 'the exit')
    assert.deepEqual(used(term.history()), [...before, 'TUI-EXIT-0'], 'the scrollback holds what was there before, and nothing of the menus')
  })
})
