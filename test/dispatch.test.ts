import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ACTIONS } from '../dist/index.js'
import { appWithMercato, cli, read, tempDir } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const MENU = ACTIONS.map((a: { name: string }) => a.name)

describe('one dispatcher: generate in an app with the mercato CLI does the same from both faces', () => {
  it('the CLI runs mercato generate', async (t) => {
    const app = appWithMercato(t)
    const r = await cli(['generate', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /mercato generated 1 module/, 'its output streams as progress')
    assert.equal(read(app, 'mercato-called').trim(), 'generate')
    assert.equal(existsSync(join(app, '.mercato/generated')), false)
  })

  it('the TUI runs mercato generate, not the bundled generator', async (t) => {
    const app = appWithMercato(t)
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    await tui.press(KEY.home, ...Array(MENU.indexOf('generate')).fill(KEY.down), KEY.enter)
    await tui.waitFor(/generate: regenerate/)
    await tui.press(KEY.down, KEY.down, KEY.down, KEY.enter)
    await tui.waitFor(/mercato generated 1 module/)
    assert.equal(read(app, 'mercato-called').trim(), 'generate')
    assert.equal(existsSync(join(app, '.mercato/generated')), false)
  })
})

describe('global flags with the interactive menus', () => {
  it('--json is refused with one line, exit 2, before the menus open', async (t) => {
    const { main } = await import('../dist/index.js')
    const { Writable } = await import('node:stream')
    let out = ''
    const stdout = new Writable({ write(c, _e, done) { out += c.toString(); done() } })
    const stderr = new Writable({ write(_c, _e, done) { done() } })
    const code = await main(['--json', '--cwd', tempDir(t)], { stdout, stderr, isTTY: true })
    assert.equal(code, 2)
    // --json asked for JSON, so the refusal is the JSON error envelope
    assert.match(JSON.parse(out).error.message ?? JSON.parse(out).error, /--json is for commands, not the interactive menus/)
  })
})
