import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { BIN, read, starterApp } from './helpers.ts'
import { terminal } from './tmux.ts'

it('drives the TUI in a real terminal (tmux send-keys / capture-pane)', async (t) => {
  assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is required for this test (.ci/run installs it)')
  const app = await starterApp(t)
  const { screen, waitFor, keys } = terminal(t, 'cmm-tui', { columns: 120, rows: 45 }, `${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)

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
  const { screen, waitFor, keys } = terminal(t, 'cmm-ask', { columns: 120, rows: 45 }, `${process.execPath} ${BIN} module visits --cwd ${app}; echo ASK-EXIT-$?; sleep 30`)
  await waitFor(/Apply these changes\? \(Y\/n\)/)
  assert.match(screen(), /\+ create src\/modules\/visits\/index.ts/)
  keys('n', 'Enter')
  await waitFor(/cancelled: nothing was written[\s\S]*ASK-EXIT-0/)
  assert.equal(existsSync(join(app, 'src/modules/visits')), false)
})
