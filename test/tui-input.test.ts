import assert from 'node:assert/strict'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { appWithMercato, cli, hashTree, read, starterApp, tempDir } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'
import { waitUntil } from './wait.ts'

const lines = (frame: string) => frame.split('\n')

describe('TUI input: keys that arrive together, paste, text editing', () => {
  it('Home Down Down Enter sent at once opens page (the third item), not new-app', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    await tui.send(`${KEY.home}${KEY.down}${KEY.down}${KEY.enter}`)
    await tui.waitFor(/page: add a backend or frontend page/)
  })

  it('three backspaces in one chunk delete three characters; the cursor edits in place', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.open('module')
    await tui.waitFor(/› id/)
    await tui.send('visitsxyz')
    await tui.send(KEY.backspace.repeat(3))
    await tui.waitFor(/› id\s+visits /)
    // ← ← then typing inserts before the cursor; Home/End jump
    await tui.send(`${KEY.left}${KEY.left}X${KEY.home}Y${KEY.end}Z`)
    await tui.waitFor(/› id\s+YvisiXtsZ/)
    await tui.send(`${KEY.ctrlU}my_sales orders`)
    await tui.waitFor(/› id\s+my_sales orders/)
    await tui.send(KEY.ctrlW)
    await tui.waitFor(/› id\s+my_sales  /)
  })

  it('a pasted answer with its Enter (greenfield⏎) confirms the typed confirmation', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.open('db greenfield')
    await tui.waitFor(/db greenfield: start over/)
    await tui.press(KEY.up, KEY.enter)
    // what is dropped comes first, then the typed confirmation
    await tui.waitFor(/db greenfield drops the tables[\s\S]*y\/enter run/)
    await tui.press('y')
    await tui.waitFor(/Type "greenfield" and press enter/)
    assert.match(tui.frame(), /db greenfield deletes every migration and drops the module tables/)
    await tui.send('greenfield\r')
    await tui.waitFor(/working…|✓ done|✗ failed/)
    assert.doesNotMatch(tui.frame(), /Type "greenfield"/)
    // the work must end before the screen is unmounted, or it rejects after the test
    await tui.waitFor(/✓ done|✗ failed/)
  })
})

describe('TUI forms', () => {
  it('require-auth is default / yes / no, and "no" makes a public backend page', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.open('page')
    await tui.waitFor(/› module\s+my_sales/)
    await tui.press(KEY.down, ...'open')
    const downs = ['area', 'title', 'group', 'order', 'icon', 'require-auth']
    await tui.press(...downs.map(() => KEY.down))
    await tui.waitFor(/› require-auth\s+\[default\]/)
    await tui.press(' ')
    await tui.waitFor(/› require-auth\s+\[x\]/)
    await tui.press(' ')
    await tui.waitFor(/› require-auth\s+\[ \]/)
    await tui.press(KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, KEY.enter)
    await tui.waitFor(/y\/enter apply/)
    await tui.press('y')
    await tui.waitFor(/✓ page \/backend\/my_sales\/open/)
    assert.match(read(app, 'src/modules/my_sales/backend/my_sales/open/page.meta.ts'), /requireAuth: false/)
  })

  it('the preview\'s n goes back to the form on the submit row, values kept', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.open('module')
    await tui.send(`visits${KEY.up}${KEY.enter}`)
    await tui.waitFor(/y\/enter apply/)
    await tui.press('n')
    await tui.waitFor(/› \[ Preview changes \]/)
    assert.match(tui.frame(), /id\s+visits/)
    assert.equal(existsSync(join(app, 'src/modules/visits')), false)
  })
})

describe('TUI layout at 80x24', () => {
  it('home fits: at most 24 lines, hints on one line, the selection stays visible while scrolling', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    const fits = () => {
      const rows = lines(tui.frame())
      assert.ok(rows.length <= 24, `${rows.length} lines:\n${tui.frame()}`)
      for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`)
    }
    fits()
    assert.match(tui.frame(), /^create-mercato-module/)
    await tui.press(KEY.end)
    await tui.waitFor(/› quit/)
    fits()
    assert.match(tui.frame(), /^create-mercato-module/, 'the title stays on screen')
    await tui.press(KEY.up, KEY.up)
    await tui.waitFor(/› db migrate/)
    fits()
  })

  it('list in a 30-module app is a scrollable, filterable screen that fits', async (t) => {
    const app = await starterApp(t)
    const ids = Array.from({ length: 30 }, (_, i) => `mod_${String(i).padStart(2, '0')}s`)
    for (const id of ids) await cli(['module', id, '--no-generate', '--cwd', app, '--quiet'])
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('list')
    await tui.waitFor(/Modules/)
    assert.ok(lines(tui.frame()).length <= 24)
    assert.doesNotMatch(tui.frame(), /mod_29s/)
    await tui.press(KEY.end)
    await tui.waitFor(/lines \d+-\d+ of \d+/)
    await tui.send('mod_29')
    await tui.waitFor(/filter: mod_29/)
    assert.match(tui.frame(), /mod_29s/)
    assert.ok(lines(tui.frame()).length <= 24)
  })

  it('redraws for a new size', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app, {}, { columns: 120, rows: 40 })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/^\s+quit\s+leave the menus/m)
    tui.resize(80, 24)
    await tui.waitUntil((frame) => /› module/.test(frame) && lines(frame).length <= 24, 'a frame of at most 24 rows')
    assert.ok(lines(tui.frame()).length <= 24)
    assert.doesNotMatch(tui.frame(), /› quit|^\s+quit/m, 'the long menu scrolls at 24 rows')
  })
})

describe('TUI behaviour', () => {
  it('q and Esc quit from home (exit 0), as its hint says; Ctrl+C on home exits 130', async (t) => {
    const app = await starterApp(t)
    let code: number | undefined
    const tui = startTui(app, { onExitCode: (c: number) => { code = c } })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    assert.match(tui.frame(), /enter choose · esc\/q quit$/m)
    await tui.press('q')
    assert.equal(code, 0)
    let escaped: number | undefined
    const esc = startTui(app, { onExitCode: (c: number) => { escaped = c } })
    t.after(() => esc.ui.unmount())
    await esc.waitFor(/› module/)
    await esc.press(KEY.escape)
    assert.equal(escaped, 0)
    let second: number | undefined
    const again = startTui(app, { onExitCode: (c: number) => { second = c } })
    t.after(() => again.ui.unmount())
    await again.open('module')
    await again.waitFor(/› id/)
    await again.press(KEY.ctrlC)
    await again.waitFor(/› module/)
    assert.equal(second, undefined, 'the first Ctrl+C goes back to the menu')
    await again.press(KEY.ctrlC)
    assert.equal(second, 130)
  })

  it('global flags apply: --dry-run shows the plan and writes nothing, and says so in the header', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const tui = startTui(app, { flags: { dryRun: true, yes: false, force: false, generate: true } })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/\[dry run\]/)
    await tui.open('module')
    await tui.send(`visits${KEY.up}${KEY.enter}`)
    await tui.waitFor(/dry run: nothing is written/)
    await tui.press('y')
    // keys are read in order: once enter has left the preview, y has been handled
    await tui.press(KEY.enter)
    await tui.waitUntil((frame) => !/dry run: nothing is written/.test(frame), 'enter to leave the preview')
    assert.equal(hashTree(app), before)
  })

  it('--yes applies without the preview', async (t) => {
    const app = await starterApp(t)
    const tui = startTui(app, { flags: { dryRun: false, yes: true, force: false, generate: false } })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/\[--yes · --no-generate\]/)
    await tui.open('module')
    await tui.send(`visits${KEY.up}${KEY.enter}`)
    await tui.waitFor(/✓ module visits/)
    assert.doesNotMatch(read(app, '.mercato/generated/modules.generated.ts'), /visits/, '--no-generate applies')
  })

  it('after new-app the menus work in the new app: the result screen already names it, home starts on module', async (t) => {
    const dir = tempDir(t)
    const tui = startTui(dir)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/no app at/)
    await tui.press(KEY.enter)
    await tui.waitFor(/› dir/)
    await tui.send('my-shop')
    await tui.press(KEY.down, ' ')
    await tui.waitFor(/› no-install\s+\[x\]|› install\s+\[ \]/)
    await tui.press(KEY.down, KEY.down, KEY.enter)
    await tui.waitFor(/y\/enter apply/)
    await tui.press('y')
    await tui.waitFor(/✓ new app my-shop/)
    await tui.waitFor(/^app my-shop in .*my-shop$/m)
    assert.doesNotMatch(tui.frame(), /no app at/)
    await tui.press(KEY.enter)
    await tui.waitFor(/app my-shop in .*\n0 modules/)
    assert.match(tui.frame(), /› module\s+scaffold a module/)
  })

  it('generate --watch is a live screen that regenerates on a change; Esc stops it and goes back to the menu', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const tui = startTui(app)
    t.after(() => tui.ui.unmount())
    await tui.open('generate')
    await tui.waitFor(/› check/)
    await tui.press(KEY.down, ' ')
    await tui.waitFor(/› watch\s+\[x\]/)
    await tui.press(KEY.up, KEY.up, KEY.enter)
    await tui.waitFor(/watching for changes/)
    mkdirSync(join(app, 'src/modules/my_sales/api/ping'), { recursive: true })
    writeFileSync(join(app, 'src/modules/my_sales/api/ping/route.ts'), 'export async function GET() { return new Response("pong") }\n')
    await tui.waitFor(/wrote .*api-routes/)
    await tui.press(KEY.escape)
    await tui.waitFor(/› generate\s+regenerate/)
  })
})

describe('Ctrl+C during running work', () => {
  it('kills the child process and returns to the menu; pressed twice it exits 130', async (t) => {
    const { readFileSync } = await import('node:fs')
    // Open Mercato's CLI stand-in: records its pid, then works for a long time
    const dir = appWithMercato(t, (d) => `echo $$ > "${join(d, 'mercato.pid')}"\necho "migrating"\nexec sleep 60\n`)
    let code: number | undefined
    const tui = startTui(dir, { onExitCode: (c: number) => { code = c } })
    t.after(() => tui.ui.unmount())
    await tui.open('db migrate')
    await tui.waitFor(/db migrate: apply pending/)
    await tui.press(KEY.up, KEY.enter)
    // db migrate previews first; with mercato as the engine the preview says mercato decides
    await tui.waitFor(/runs Open Mercato's CLI/)
    await tui.press('y')
    await waitUntil(() => existsSync(join(dir, 'mercato.pid')), 'mercato to start', tui.frame)
    const pid = Number(readFileSync(join(dir, 'mercato.pid'), 'utf8'))
    await tui.waitFor(/esc or ctrl\+c: stop/)
    await tui.press(KEY.ctrlC)
    await tui.waitFor(/› db migrate/)
    assert.throws(() => process.kill(pid, 0), 'the child process is gone')
    assert.equal(code, undefined)
    await tui.press(KEY.ctrlC)
    assert.equal(code, 130)
  })
})
