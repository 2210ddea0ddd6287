import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { describe, it, type TestContext } from 'node:test'
import { BIN, starterApp } from './helpers.ts'

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' })

/** A detached tmux session running `command`; `history` is the screen and everything that scrolled off it. */
function terminal(t: TestContext, name: string, size: { columns: number; rows: number }, command: string) {
  const session = `${name}-${process.pid}`
  tmux('new-session', '-d', '-s', session, '-x', String(size.columns), '-y', String(size.rows), command)
  t.after(() => spawnSync('tmux', ['kill-session', '-t', session]))
  const screen = () => tmux('capture-pane', '-p', '-t', session)
  return {
    screen,
    history: () => tmux('capture-pane', '-p', '-S', '-', '-t', session),
    keys: (...k: string[]) => tmux('send-keys', '-t', session, ...k),
    resize: (columns: number, rows: number) => tmux('resize-window', '-t', session, '-x', String(columns), '-y', String(rows)),
    async waitFor(test: (screen: string) => boolean, what: string) {
      const until = Date.now() + 60000
      while (!test(screen())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
  }
}

const used = (text: string) => text.replace(/\n+$/, '').split('\n')

describe('the menus draw on the alternate screen', () => {
  it("a resize and quitting leave the terminal's scrollback as it was", async (t) => {
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is required for this test')
    const app = await starterApp(t)
    const before = Array.from({ length: 5 }, (_, i) => `SCROLLBACK-${i}`)
    const term = terminal(t, 'cmm-altscreen', { columns: 120, rows: 40 }, `printf '${before.join('\\n')}\\n'; ${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)
    await term.waitFor((s) => /› module/.test(s) && /registry /.test(s), 'the home screen')

    term.resize(80, 24)
    // the frame drawn for the new size: it fits, title on top
    await term.waitFor((s) => used(s).length <= 24 && /^create-mercato-module/.test(s) && /› module/.test(s), 'the menus redrawn at 80x24')
    assert.equal(used(term.history()).filter((l) => /^create-mercato-module/.test(l)).length, 1, `one frame on the menus' screen:\n${term.history()}`)

    term.keys('q')
    await term.waitFor((s) => /TUI-EXIT-0/.test(s), 'the exit')
    assert.deepEqual(used(term.history()), [...before, 'TUI-EXIT-0'], 'the scrollback holds what was there before, and nothing of the menus')
  })
})
