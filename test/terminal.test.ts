import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { BIN, read, starterApp } from './helpers.ts'

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' })

/** A detached tmux session running `command`, killed when the test ends. */
function terminal(t: import('node:test').TestContext, name: string, command: string) {
  const session = `${name}-${process.pid}`
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '45', command)
  t.after(() => spawnSync('tmux', ['kill-session', '-t', session]))
  const screen = () => tmux('capture-pane', '-p', '-t', session)
  return {
    screen,
    keys: (...k: string[]) => tmux('send-keys', '-t', session, ...k),
    async waitFor(pattern: RegExp) {
      const until = Date.now() + 15000
      while (!pattern.test(screen())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      await new Promise((r) => setTimeout(r, 100))
    },
  }
}

it('drives the TUI in a real terminal (tmux send-keys / capture-pane)', async (t) => {
  assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is required for this test (.ci/run installs it)')
  const app = await starterApp(t)
  const { screen, waitFor, keys } = terminal(t, 'cmm-tui', `${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)

  await waitFor(/› module/)
  keys('Enter')
  await waitFor(/› id/)
  keys('-l', 'visits')
  await waitFor(/› id\s+visits/)
  keys('Down', 'Down')
  keys('-l', 'Visit log')
  await waitFor(/› title\s+Visit log/)
  for (let i = 0; i < 8; i++) keys('Down')
  await waitFor(/› \[ Preview changes \]/)
  keys('Enter')
  await waitFor(/y\/enter apply/)
  assert.match(screen(), /\+ create src\/modules\/visits\/index.ts/)
  keys('y')
  await waitFor(/✓ module visits: Visit log/)
  keys('q')
  await waitFor(/TUI-EXIT-0/)
  assert.ok(existsSync(join(app, 'src/modules/visits/acl.ts')))
  assert.match(read(app, 'src/modules/visits/index.ts'), /title: 'Visit log'/)
  assert.match(read(app, 'src/modules.ts'), /\{ id: 'visits', from: '@app' \}/)
})

it('a scripted command on a terminal shows the plan and asks before applying; no means nothing is written', async (t) => {
  const app = await starterApp(t)
  const { screen, waitFor, keys } = terminal(t, 'cmm-ask', `${process.execPath} ${BIN} module visits --cwd ${app}; echo ASK-EXIT-$?; sleep 30`)
  await waitFor(/Apply these changes\? \(Y\/n\)/)
  assert.match(screen(), /\+ create src\/modules\/visits\/index.ts/)
  keys('n', 'Enter')
  await waitFor(/cancelled: nothing was written[\s\S]*ASK-EXIT-0/)
  assert.equal(existsSync(join(app, 'src/modules/visits')), false)
})
