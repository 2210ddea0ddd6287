import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { BIN, starterApp } from './helpers.ts'
import { terminal } from './tmux.ts'

const used = (screen: string) => screen.replace(/\n+$/, '').split('\n')
const titles = (text: string) => text.split('\n').filter((l) => /^create-mercato-module(\s|$)/.test(l)).length

for (const size of [{ columns: 80, rows: 24 }, { columns: 120, rows: 40 }]) {
  describe(`the TUI in tmux at ${size.columns}x${size.rows}`, () => {
    it('fits, keeps the selection visible, redraws in place (one frame in the scrollback), takes a paste', async (t) => {
      assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is required for this test')
      const app = await starterApp(t)
      const term = terminal(t, `cmm-fit${size.columns}`, size, `${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)
      await term.waitFor(/› module/)
      assert.ok(used(term.screen()).length <= size.rows)
      for (let i = 0; i < 30; i++) term.keys('Down')
      // waitFor returns once the program sleeps waiting for input: all 30 keys are read by then
      await term.waitFor(/› /)
      const screen = term.screen()
      assert.ok(used(screen).length <= size.rows, screen)
      assert.match(screen, /^create-mercato-module/m, 'the title is still on screen')
      assert.match(screen, /› \S/, 'the selection is on screen')
      for (const line of used(screen)) assert.ok([...line].length <= size.columns)
      assert.equal(titles(term.history()), 1, `one copy of the frame:\n${term.history()}`)

      term.keys('Home', 'Down', 'Enter')
      await term.waitFor(/› id/)
      term.paste('visits\r')
      await term.waitFor(/› name/)
      assert.match(term.screen(), /id\s+visits/)
      assert.equal(titles(term.history()), 1)
      // Esc and the next key sent together read as Alt+key, as in any terminal program, so one at a time
      term.keys('Escape')
      await term.waitFor(/discard the changes/)
      term.keys('y')
      await term.waitFor(/› module/)
      term.keys('q')
      await term.waitFor(/TUI-EXIT-0/)
    })
  })
}

describe('colours in the TUI', () => {
  it('NO_COLOR turns colours and styles off; without it the selection is coloured', async (t) => {
    const app = await starterApp(t)
    const run = async (name: string, env: string) => {
      const term = terminal(t, name, { columns: 80, rows: 24 }, `env -u FORCE_COLOR -u CI ${env} ${process.execPath} ${BIN} --cwd ${app}; sleep 30`)
      await term.waitFor(/› module/)
      return term.styled()
    }
    // capture-pane -e shows the screen's attributes as escape sequences
    assert.doesNotMatch(await run('cmm-nocolor', 'NO_COLOR=1'), /\u001B\[[0-9;]*[1-9][0-9;]*m/)
    assert.match(await run('cmm-color', 'TERM=xterm-256color'), /\u001B\[[0-9;]*m› module/)
  })
})
