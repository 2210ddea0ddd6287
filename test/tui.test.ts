import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createElement, render } from '../dist/testing.js'
import { ACTIONS, createServices } from '../dist/index.js'
import { App } from '../dist/tui.js'
import { hashTree, read, starterApp, tempDir, typecheck } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const start = (cwd: string) => startTui(cwd)

describe('the TUI', () => {
  it('creates a module through menus and keystrokes: home → form → preview → apply → result', async (t) => {
    const app = await starterApp(t)
    const tui = start(app)
    t.after(() => tui.ui.unmount())
    // in an app the cursor starts on module, an app's first step
    await tui.waitFor(/› module/)
    assert.match(tui.frame(), /app shop in .*\n0 modules · /)
    await tui.press(KEY.enter)
    await tui.waitFor(/module: scaffold a module/)

    await tui.press('V', 'i')
    await tui.waitFor(/✗ "Vi" is not a module id/)
    await tui.press(KEY.backspace, KEY.backspace, ...'visits')
    await tui.waitFor(/› id\s+visits/)
    assert.doesNotMatch(tui.frame(), /✗/)
    // name, title, description, version, author, license, requires, locales
    await tui.press(KEY.down, KEY.down, ...'Visit log', KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.backspace, KEY.backspace, ...'en,pl')
    await tui.press(KEY.down, ' ')
    await tui.waitFor(/› with-page\s+\[x\]/)
    await tui.press(KEY.down, KEY.enter)

    await tui.waitFor(/y\/enter apply/)
    const preview = tui.frame()
    assert.match(preview, /~ edit\s+src\/modules.ts/)
    assert.match(preview, /\+ create src\/modules\/visits\/backend\/page.tsx/)
    assert.match(preview, /--- a\/src\/modules.ts/)
    assert.equal(existsSync(join(app, 'src/modules/visits')), false, 'the preview writes nothing')

    await tui.press('y')
    await tui.waitFor(/✓ module visits: Visit log/)
    assert.match(tui.frame(), /~ \.mercato\/generated\/modules\.generated\.ts/, 'the registry is part of the applied plan')
    assert.match(read(app, 'src/modules/visits/index.ts'), /title: 'Visit log'/)
    assert.ok(existsSync(join(app, 'src/modules/visits/i18n/pl.json')))
    assert.match(read(app, 'src/modules.ts'), /\{ id: 'visits', from: '@app' \}/)
    assert.ok(typecheck(app).ok)

    await tui.press(KEY.enter)
    await tui.waitFor(/› module/)
    assert.match(tui.frame(), /app shop in .*\n1 module · registry up to date/)
  })

  it('Enter on an invalid form focuses the invalid field; Esc on a changed form asks; nothing is written', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const tui = start(app)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    await tui.press(KEY.enter)
    await tui.waitFor(/› id/)
    await tui.press(...'app', KEY.down, KEY.down, KEY.up, KEY.up, KEY.up, KEY.enter)
    await tui.waitFor(/› id\s+app/)
    assert.match(tui.frame(), /✗ "app" is reserved/)
    await tui.press(KEY.escape)
    await tui.waitFor(/discard the changes to this form\? y\/n/)
    await tui.press('n')
    await tui.waitFor(/› id\s+app/)
    await tui.press(KEY.escape, 'y')
    await tui.waitFor(/› module/)
    assert.equal(hashTree(app), before)
  })

  it('outside an app offers only new-app, and creates one', async (t) => {
    const dir = tempDir(t)
    const tui = start(dir)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/no app at/)
    assert.doesNotMatch(tui.frame(), /^\s+module\s/m)
    await tui.press(KEY.enter)
    await tui.waitFor(/› dir/)
    // the install is turned off here: the CLI tests cover it
    await tui.press(...'my-shop', KEY.enter, ' ', KEY.enter, KEY.enter, KEY.enter)
    await tui.waitFor(/y\/enter apply/)
    await tui.press(KEY.enter)
    await tui.waitFor(/✓ new app my-shop/)
    assert.ok(existsSync(join(dir, 'my-shop/src/modules.ts')))
  })
})

describe('every scaffolding action from the TUI: menu → form (with pickers) → preview → apply', () => {
  const MENU = ACTIONS.map((a) => a.name)

  async function appWithModules(t: import('node:test').TestContext) {
    const app = await starterApp(t)
    const { cli } = await import('./helpers.ts')
    await cli(['module', 'sales_desk', '--cwd', app, '--quiet'])
    await cli(['module', 'clients', '--cwd', app, '--quiet'])
    return app
  }

  /** Opens an action's form from the home menu; the module picker starts on the first module. */
  async function openForm(app: string, action: string) {
    const tui = start(app)
    await tui.waitFor(/› module/)
    await tui.press(KEY.home, ...Array(MENU.indexOf(action)).fill(KEY.down), KEY.enter)
    await tui.waitFor(new RegExp(`${action}: `))
    return tui
  }

  async function previewAndApply(tui: ReturnType<typeof start>, rows: number, done: RegExp) {
    await tui.press(...Array(rows).fill(KEY.down))
    await tui.waitFor(/› \[ Preview changes \]/)
    await tui.press(KEY.enter)
    await tui.waitFor(/y\/enter apply/)
    await tui.press('y')
    await tui.waitFor(done)
  }

  it('page: the module picker filters as you type', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'page')
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module\s+clients.*enter: pick from 2/)
    await tui.press(KEY.enter)
    await tui.waitFor(/page: pick module/)
    await tui.press(...'sa')
    await tui.waitFor(/filter: sa \(1\/2\)/)
    await tui.press(KEY.enter)
    await tui.waitFor(/› module\s+sales_desk/)
    await tui.press(KEY.down, ...'reports')
    await tui.waitFor(/› path\s+reports/)
    await previewAndApply(tui, 10, /✓ page \/backend\/sales_desk\/reports in module sales_desk/)
    assert.match(read(app, 'src/modules/sales_desk/backend/sales_desk/reports/page.meta.ts'), /requireAuth: true/)
    assert.ok(typecheck(app).ok)
  })

  it('api', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'api')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'stats', KEY.down, ...Array(3).fill(KEY.backspace), ...'GET,POST')
    await tui.waitFor(/› methods\s+GET,POST/)
    await previewAndApply(tui, 3, /✓ api GET,POST \/api\/clients\/stats/)
    assert.match(read(app, 'src/modules/clients/api/stats/route.ts'), /export async function POST/)
  })

  it('subscriber', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'subscriber')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'notify', KEY.down, ...'clients.person.created', KEY.down, KEY.down, ' ')
    await tui.waitFor(/› persistent\s+\[x\]/)
    await previewAndApply(tui, 3, /✓ subscriber clients:notify on clients.person.created/)
    assert.match(read(app, 'src/modules/clients/subscribers/notify.ts'), /persistent: true/)
  })

  it('event, then a subscriber that picks the declared event from a list', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'event')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'person.created')
    await tui.waitFor(/› event\s+person\.created/)
    await previewAndApply(tui, 5, /✓ event clients\.person\.created declared in src\/modules\/clients\/events\.ts/)
    tui.ui.unmount()
    const sub = await openForm(app, 'subscriber')
    await sub.press(KEY.down, ...'welcome', KEY.down)
    await sub.waitFor(/enter: pick from 1/)
    await sub.press(KEY.enter)
    await sub.waitFor(/› clients\.person\.created/)
    await sub.press(KEY.enter)
    await sub.waitFor(/› event\s+clients\.person\.created/)
    await previewAndApply(sub, 5, /✓ subscriber clients:welcome on clients\.person\.created/)
    sub.ui.unmount()
    assert.doesNotMatch(sub.frame(), /declared by no enabled module/)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('worker and cli', async (t) => {
    const app = await appWithModules(t)
    const worker = await openForm(app, 'worker')
    await worker.press(KEY.down, ...'sync', KEY.down, ...'clients-sync', KEY.down, KEY.backspace, '4')
    await worker.waitFor(/› concurrency\s+4/)
    await previewAndApply(worker, 2, /✓ worker clients:sync on queue clients-sync \(concurrency 4\)/)
    worker.ui.unmount()
    const command = await openForm(app, 'cli')
    t.after(() => command.ui.unmount())
    await command.press(KEY.down, ...'seed')
    await previewAndApply(command, 1, /✓ command mercato clients seed/)
    assert.match(read(app, 'src/modules/clients/workers/sync.ts'), /concurrency: 4,/)
    assert.match(read(app, 'src/modules/clients/cli.ts'), /export default \[seedCommand\]/)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('widget: an injection widget placed in a spot', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'widget')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'notes', KEY.down, KEY.right, KEY.right)
    await tui.waitFor(/› kind\s+injection/)
    await tui.press(KEY.down, ...'crud-form:clients.person')
    await previewAndApply(tui, 4, /✓ injection widget clients\.injection\.notes/)
    assert.match(read(app, 'src/modules/clients/widgets/injection-table.ts'), /'crud-form:clients\.person': 'clients\.injection\.notes',/)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('extension: links an entity of this module to another module\'s entity', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'extension')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'SalesProfile', KEY.down, ...'sales_desk:order')
    await tui.waitFor(/› base\s+sales_desk:order/)
    await previewAndApply(tui, 5, /✓ extension clients:sales_profile of sales_desk:order \(one-to-one, order_id\)/)
    assert.match(read(app, 'src/modules/clients/data/extensions.ts'), /extensionKey: 'order_id'/)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('override: picks an enabled package module from a list and copies its page into the app', async (t) => {
    const { writeStandalone } = await import('./fixtures/monorepo.ts')
    const { app } = writeStandalone(tempDir(t), { packages: { '@acme/shop': [{ id: 'catalog', pages: 1 }] }, modulesTs: "export const enabledModules = [{ id: 'catalog', from: '@acme/shop' }]\n" })
    const tui = start(app)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    await tui.press(KEY.home, ...Array(MENU.indexOf('override')).fill(KEY.down), KEY.enter)
    await tui.waitFor(/override: .*\n[\s\S]*enter: pick from 1/)
    await tui.press(KEY.enter)
    await tui.waitFor(/override: pick module/)
    await tui.press(KEY.enter)
    await tui.waitFor(/› module\s+catalog/)
    await tui.press(KEY.down, ...'backend/catalog/p0/page')
    await previewAndApply(tui, 1, /✓ override catalog\/backend\/catalog\/p0\/page\.js/)
    assert.ok(existsSync(join(app, 'src/modules/catalog/backend/catalog/p0/page.js')))
  })

  it('entity: adds fields to an existing custom entity picked from ce.ts', async (t) => {
    const app = await appWithModules(t)
    const { cli } = await import('./helpers.ts')
    await cli(['entity', 'clients', 'vip', '--field', 'tier:integer', '--cwd', app, '--quiet'])
    const tui = await openForm(app, 'entity')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down)
    await tui.waitFor(/enter: pick from 1/)
    await tui.press(KEY.enter)
    await tui.waitFor(/› vip/)
    await tui.press(KEY.enter, KEY.down, ...'note:multiline since:date:required')
    await tui.waitFor(/› field\s+note:multiline since:date:required/)
    await previewAndApply(tui, 3, /✓ custom entity clients:vip: added note, since/)
    assert.match(read(app, 'src/modules/clients/ce.ts'), /\{ key: 'since', kind: 'date', label: 'Since', required: true \}/)
  })

  it('data-entity: shows the field error inline, then creates the entity', async (t) => {
    const app = await appWithModules(t)
    const tui = await openForm(app, 'data-entity')
    t.after(() => tui.ui.unmount())
    await tui.press(KEY.down, ...'Person', KEY.down, ...'age:years')
    await tui.waitFor(/✗ "age:years": unknown kind "years"/)
    await tui.press(...Array(5).fill(KEY.backspace), ...'integer name:text:required', KEY.down, ' ')
    await tui.waitFor(/› crud\s+\[x\]/)
    await previewAndApply(tui, 4, /✓ data entity Person in module clients: table people/)
    assert.match(read(app, 'src/modules/clients/data/entities.ts'), /export class Person \{/)
    assert.ok(existsSync(join(app, 'src/modules/clients/api')))
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })
})

describe('generate and list from the TUI', () => {
  it('generate previews the registry files, list shows the tables', async (t) => {
    const app = await starterApp(t)
    const { cli } = await import('./helpers.ts')
    await cli(['module', 'sales_desk', '--no-generate', '--cwd', app, '--quiet'])
    const tui = start(app)
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/› module/)
    const menu = ACTIONS.map((a) => a.name)
    await tui.press(KEY.home, ...Array(menu.indexOf('generate')).fill(KEY.down), KEY.enter)
    await tui.waitFor(/generate: regenerate/)
    await tui.press(KEY.down, KEY.down, KEY.down, KEY.enter)
    await tui.waitFor(/~ edit   \.mercato\/generated\/modules\.generated\.ts/)
    await tui.press('y')
    await tui.waitFor(/✓ generate: 1 enabled module/)
    assert.ok(existsSync(join(app, '.mercato/generated/modules.generated.ts')))
    await tui.press(KEY.enter)
    await tui.waitFor(/› generate/)
    await tui.open('list')
    await tui.waitFor(/Modules\n\s+id\s+from/)
    assert.match(tui.frame(), /sales_desk\s+@app/)
  })
})

describe('the database screens', () => {
  const MENU = ACTIONS.map((a) => a.name)

  it('generate and migrate with progress, then greenfield after a typed confirmation', async (t) => {
    const app = await starterApp(t)
    const { cli } = await import('./helpers.ts')
    await cli(['module', 'fleet', '--cwd', app, '--quiet'])
    await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--cwd', app, '--quiet'])
    const tui = start(app)
    t.after(() => tui.ui.unmount())
    // a form opens on its first field and Up wraps to its last row, Preview, however many fields it has
    const preview = async (action: string) => {
      await tui.open(action)
      await tui.waitFor(new RegExp(`${action}: `))
      await tui.press(KEY.up)
      await tui.waitFor(/› \[ Preview changes \]/)
      await tui.press(KEY.enter)
    }

    await preview('db generate')
    // the SQL each module's migration will hold, before anything is written
    await tui.waitFor(/fleet: initial migration/)
    assert.match(tui.frame(), /create table "vehicles"/)
    await tui.press('y')
    // the step list: the module done, with what it made
    await tui.waitFor(/✓ fleet +created src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts/)
    await tui.waitFor(/✓ done/)
    await tui.press(KEY.enter)

    await preview('db migrate')
    await tui.waitFor(/fleet: 1 pending migration/)
    await tui.press('y')
    await tui.waitFor(/✓ done/)
    assert.match(tui.frame(), /fleet: applied Migration\d{14}_fleet/)
    await tui.press(KEY.enter)

    await preview('db greenfield')
    await tui.waitFor(/fleet: drops vehicles, mikro_orm_migrations_fleet; deletes 1 migration\b/)
    await tui.press('y')
    await tui.waitFor(/Type "greenfield" and press enter/)
    await tui.press(...'green', KEY.enter)
    assert.match(tui.frame(), /Type "greenfield"/, 'a wrong word does nothing')
    await tui.press(...'field', KEY.enter)
    await tui.waitFor(/✓ done/, 240000)
    assert.match(tui.frame(), /1 migrations? applied on a clean database/)
  })
})
