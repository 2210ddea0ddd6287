/** Contract 1 and 2: nothing is written outside the app; rollback and undo touch only what the tool wrote. */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { applyAction, createServices, findAction, planAction, validateInput } from '../../dist/index.js'
import { hashTree } from '../helpers.ts'
import { arena, attack, ok, refused } from './contract.ts'

const latestManifest = (app: string) => {
  const dir = join(app, '.mercato/history')
  return join(dir, readdirSync(dir).filter((n) => n.endsWith('.json')).sort().at(-1)!)
}

describe('1. nothing outside the app', () => {
  attack('module into a linked module folder that points outside: exit 2, the link named, nothing written there', async (t) => {
    const a = await arena(t)
    mkdirSync(join(a.app, 'src/modules'), { recursive: true })
    symlinkSync(a.outside, join(a.app, 'src/modules/newmod'))
    await refused(a, ['module', 'newmod'], 2, /refused: src\/modules\/newmod is a link to .*outside, outside the app; nothing was changed/)
    assert.deepEqual(readdirSync(a.outside), ['victim.txt'])
  })

  attack('a linked module with --force: refused the same way', async (t) => {
    const a = await arena(t)
    mkdirSync(join(a.app, 'src/modules'), { recursive: true })
    symlinkSync(a.outside, join(a.app, 'src/modules/newmod'))
    await refused(a, ['module', 'newmod', '--force'], 2, /src\/modules\/newmod is a link to .*, outside the app/)
  })

  attack('a linked src folder: refused, nothing written through it', async (t) => {
    const a = await arena(t)
    renameSync(join(a.app, 'src'), join(a.outside, 'src'))
    symlinkSync(join(a.outside, 'src'), join(a.app, 'src'))
    await refused(a, ['module', 'visits'], 2, /refused: src is a link to .*outside\/src, outside the app/)
  })

  attack('a linked .mercato folder: refused (the history and the journal would go outside)', async (t) => {
    const a = await arena(t)
    renameSync(join(a.app, '.mercato'), join(a.outside, 'mercato'))
    symlinkSync(join(a.outside, 'mercato'), join(a.app, '.mercato'))
    await refused(a, ['module', 'visits'], 2, /refused: \.mercato is a link to .*, outside the app/)
  })

  attack('a linked i18n folder of an existing module: page (which adds a title key) is refused', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    renameSync(join(a.app, 'src/modules/visits/i18n'), join(a.outside, 'i18n'))
    symlinkSync(join(a.outside, 'i18n'), join(a.app, 'src/modules/visits/i18n'))
    await refused(a, ['page', 'visits', 'reports'], 2, /refused: src\/modules\/visits\/i18n is a link to .*outside\/i18n, outside the app/)
  })

  attack('a linked file (src/modules.ts pointing outside): refused', async (t) => {
    const a = await arena(t)
    renameSync(join(a.app, 'src/modules.ts'), join(a.outside, 'modules.ts'))
    symlinkSync(join(a.outside, 'modules.ts'), join(a.app, 'src/modules.ts'))
    await refused(a, ['module', 'visits'], 2, /refused: src\/modules.ts is a link to .*outside\/modules.ts, outside the app/)
  })

  attack('a link inside the app to a folder inside the app is followed as usual', async (t) => {
    const a = await arena(t)
    mkdirSync(join(a.app, 'shared-modules/visits'), { recursive: true })
    mkdirSync(join(a.app, 'src/modules'), { recursive: true })
    symlinkSync(join(a.app, 'shared-modules/visits'), join(a.app, 'src/modules/visits'))
    await ok(a, ['module', 'visits'])
    assert.ok(existsSync(join(a.app, 'shared-modules/visits/index.ts')))
  })

  attack('undo: a manifest entry through a linked folder is refused; the file outside is untouched', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    symlinkSync(a.outside, join(a.app, 'src/lnk'))
    const path = latestManifest(a.app)
    const manifest = JSON.parse(readFileSync(path, 'utf8'))
    const victim = readFileSync(join(a.outside, 'victim.txt'), 'utf8')
    manifest.changes.push({ path: 'src/lnk/victim.txt', kind: 'edit', beforeHash: null, afterHash: null, before: null })
    manifest.changes.at(-1).before = 'overwritten\n'
    manifest.changes.at(-1).beforeHash = (await import('node:crypto')).createHash('sha256').update('overwritten\n').digest('hex')
    manifest.changes.at(-1).afterHash = (await import('node:crypto')).createHash('sha256').update(victim).digest('hex')
    writeFileSync(path, JSON.stringify(manifest))
    await refused(a, ['undo'], 2, /refused: src\/lnk is a link to .*outside, outside the app/)
    await refused(a, ['undo', '--force'], 2, /refused: src\/lnk is a link/)
  })

  for (const [what, change, message] of [
    ['a path with ..', { path: '../outside/victim.txt', kind: 'create', beforeHash: null, afterHash: 'x', before: null }, /changes\.\d+\.path: is not a path inside the app/],
    ['an absolute path', { path: '/etc/hostname', kind: 'create', beforeHash: null, afterHash: 'x', before: null }, /is not a path inside the app/],
    ['a path into .mercato', { path: '.mercato/lock', kind: 'create', beforeHash: null, afterHash: 'x', before: null }, /is not a path inside the app/],
    ['a before that does not match its hash', { path: 'src/modules.ts', kind: 'edit', beforeHash: 'abc', afterHash: 'x', before: 'tampered' }, /does not match its beforeHash/],
    ['an unknown kind', { path: 'src/modules.ts', kind: 'rename', beforeHash: null, afterHash: null, before: null }, /changes\.\d+\.kind/],
    ['a path that is not a string', { path: 42, kind: 'create', beforeHash: null, afterHash: 'x', before: null }, /changes\.\d+\.path/],
  ] as const) {
    attack(`undo: a manifest with ${what} is refused (exit 2), nothing changed`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'visits'])
      const path = latestManifest(a.app)
      const manifest = JSON.parse(readFileSync(path, 'utf8'))
      manifest.changes.unshift(change)
      writeFileSync(path, JSON.stringify(manifest))
      await refused(a, ['undo'], 2, new RegExp(`refused: .*is not a valid manifest.*${message.source}.*nothing was changed`))
    })
  }

  for (const [what, text] of [
    ['not JSON', '{ "version": 1, '],
    ['null', 'null'],
    ['changes: null', '{"version":1,"action":"module","input":{},"appliedAt":"x","changes":null}'],
    ['no action', '{"version":1,"input":{},"appliedAt":"x","changes":[]}'],
    ['version 2', '{"version":2,"action":"module","input":{},"appliedAt":"x","changes":[]}'],
  ] as const) {
    attack(`undo: a malformed manifest (${what}) is refused with one line, exit 2`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'visits'])
      writeFileSync(latestManifest(a.app), text)
      await refused(a, ['undo'], 2, /refused: .*\.mercato\/history\/.*\.json is not a (readable|valid) manifest/)
    })
  }
})

describe('2. rollback and undo touch only what the tool wrote', () => {
  attack('a folder where a new file goes (subscribers/notify.ts/ holding keep.txt): refused at plan time, the folder kept', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'my_sales'])
    mkdirSync(join(a.app, 'src/modules/my_sales/subscribers/notify.ts'), { recursive: true })
    writeFileSync(join(a.app, 'src/modules/my_sales/subscribers/notify.ts/keep.txt'), 'mine\n')
    await refused(a, ['subscriber', 'my_sales', 'notify', '--event', 'sales.order.created'], 2,
      /refused: src\/modules\/my_sales\/subscribers\/notify.ts is a folder, but the plan needs a file there; nothing was changed/)
    assert.equal(readFileSync(join(a.app, 'src/modules/my_sales/subscribers/notify.ts/keep.txt'), 'utf8'), 'mine\n')
  })

  attack('a file where a folder goes (subscribers is a file): refused at plan time', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'my_sales'])
    writeFileSync(join(a.app, 'src/modules/my_sales/subscribers'), 'not a folder\n')
    await refused(a, ['subscriber', 'my_sales', 'notify', '--event', 'sales.order.created'], 2,
      /refused: src\/modules\/my_sales\/subscribers is a file, but src\/modules\/my_sales\/subscribers\/notify.ts needs a folder there/)
  })

  attack('the folder appears between the plan and the apply (a TUI preview): the apply refuses and keeps it', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'my_sales'])
    const services = createServices({ quiet: true })
    const spec = findAction('subscriber')!
    const plan = await planAction(spec, validateInput(spec, { module: 'my_sales', name: 'notify', event: 'sales.order.created' }), services, { cwd: a.app })
    mkdirSync(join(a.app, 'src/modules/my_sales/subscribers/notify.ts'), { recursive: true })
    writeFileSync(join(a.app, 'src/modules/my_sales/subscribers/notify.ts/keep.txt'), 'mine\n')
    const before = hashTree(a.app)
    await assert.rejects(applyAction(plan, services), (e: Error & { exitCode: number }) => {
      assert.match(e.message, /notify.ts is a folder, but the plan needs a file there; nothing was changed/)
      return e.exitCode === 2
    })
    assert.equal(hashTree(a.app), before)
  })
})
