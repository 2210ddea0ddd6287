import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { ACTIONS } from '../dist/index.js'
import { answerFromIndex, loadAction, loadableNames, readCommandIndex } from '../dist/testing.js'
import { BIN, cli, ROOT, starterApp } from './helpers.ts'

const index = readCommandIndex(new URL('../dist/commands.json', import.meta.url))!

async function quick(argv: string[], cwd = ROOT): Promise<{ code: number | undefined; stdout: string }> {
  let stdout = ''
  const sink = new Writable({ write(chunk, _enc, done) { stdout += chunk.toString(); done() } })
  return { code: await answerFromIndex(argv, index, sink, cwd), stdout }
}

/** main()'s answer in `cwd` (it reads the app from the process's folder). */
async function full(argv: string[], cwd: string) {
  const before = process.cwd()
  process.chdir(cwd)
  try {
    return await cli(argv)
  } finally {
    process.chdir(before)
  }
}

/** Module arguments and --event of several commands, the values the app supplies. */
const APP_SHAPES = [['page', ''], ['page', 'v'], ['worker', ''], ['api', ''], ['event', ''], ['subscriber', 'visits', 'sent', '--event', ''], ['subscriber', 'visits', 'sent', '--event', 'bill'], ['subscriber', '']]

/** Writes `files` (path → text) under `root`. */
function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

// events.ts in the shapes the tiny reader reads and some it leaves to the parser (each module is enabled)
const EVENT_FILES: Record<string, string> = {
  // the events command's own file, plus a second event
  visits: "import { createModuleEvents } from '@open-mercato/shared/modules/events'\n\n/** Events: subscribers listen by id. */\nconst events = [\n  { id: 'visits.visit.created', label: 'Visit created', entity: 'visit', category: 'crud' },\n  // a comment with an 'apostrophe\n  { id: \"visits.visit.closed\", label: `Closed`, meta: { id: 'not.this' } },\n] as const\n\nexport const eventsConfig = createModuleEvents({ moduleId: 'visits', events })\nexport default eventsConfig\n",
  // inline in createModuleEvents, a typed array, a duplicate of another module's id
  billing: "import { createModuleEvents } from '@open-mercato/shared/modules/events'\nexport default createModuleEvents({\n  moduleId: 'billing',\n  events: [\n    { id: 'billing.invoice.sent', label: 'Sent' },\n    { id: 'visits.visit.created', label: 'Dup' },\n    { label: 'no id' },\n  ],\n})\n",
  // what the lexer does not follow: a computed id and a regular expression; the parser answers
  shipping: "const prefix = 'shipping'\nexport const events = [\n  { id: `${prefix}.parcel.sent`, label: 'Sent' },\n  { id: 'shipping.parcel.lost', pattern: /lost/ },\n]\nexport default { moduleId: 'shipping', events }\n",
}

async function appWithEvents(t: Parameters<typeof starterApp>[0], modulesFile?: string): Promise<string> {
  const app = await starterApp(t)
  rmSync(join(app, 'node_modules'))
  const modules = Object.keys(EVENT_FILES)
  for (const id of [...modules, 'plain']) assert.equal((await cli(['module', id, '--cwd', app, '--quiet', '--no-generate'])).code, 0)
  for (const [id, text] of Object.entries(EVENT_FILES)) write(app, { [`src/modules/${id}/events.ts`]: text })
  // a package module with events, and the app's overlay of another package module's events
  write(app, {
    'node_modules/@acme/parcels/package.json': '{ "name": "@acme/parcels" }\n',
    'node_modules/@acme/parcels/src/modules/parcels/events.ts': "export const events = [{ id: 'parcels.parcel.scanned' }]\n",
    'node_modules/@acme/parcels/dist/modules/tracking/events.js': "export const events = [{ id: 'tracking.old' }]\n",
    'src/modules/tracking/events.ts': "export const events = [{ id: 'tracking.overlay' }]\n",
  })
  const entries = [...modules, 'plain'].map((id) => `  { id: '${id}', from: '@app' },`)
  write(app, { 'src/modules.ts': modulesFile ?? `// the app's modules\nexport type ModuleEntry = { id: string; from?: string }\n\nexport const enabledModules: ModuleEntry[] = [\n${entries.join('\n')}\n  { id: 'parcels', from: '@acme/parcels' },\n  { id: 'tracking', from: '@acme/parcels' },\n]\n` })
  return app
}

/** Every shape the index answers: the tool's help and version, each command's, group's and tool command's help, the scripts, completions. */
function quickShapes(): string[][] {
  const shapes: string[][] = [['--help'], ['-h'], ['help'], ['--version'], ['-v'], ['completion', 'bash'], ['completion', 'zsh'], ['completion', 'fish']]
  for (const c of index.commands) {
    for (const name of [c.name, ...c.aliases]) shapes.push([...name.split(' '), '--help'], ['help', ...name.split(' ')], [...name.split(' '), '-h'])
  }
  for (const word of [...Object.keys(index.groups), ...Object.keys(index.tools)]) shapes.push([word, '--help'], ['help', word])
  for (const words of [[''], ['mod'], ['db', ''], ['module', 'x', '--'], ['page', 'm', '--area', ''], ['completion', ''], ['help', ''], ['data-entity', 'm', 'e', '--field', ''], ['data-entity', 'm', 'e', '--field', 'plate:'], ['data-entity', 'm', 'e', '--field', 'plate:text:'], ['nope', '']]) shapes.push(['__complete', ...words])
  return shapes
}

describe('start-up from the command index', () => {
  it('answers --help, --version, help <command>, the completion scripts and completions exactly as the full path does', async () => {
    for (const argv of quickShapes()) {
      const fast = await quick(argv)
      assert.equal(fast.code, 0, `the index answers ${argv.join(' ')}`)
      const full = await cli(argv)
      assert.equal(full.code, 0, `${argv.join(' ')}: ${full.stderr}`)
      assert.equal(fast.stdout, full.stdout, argv.join(' '))
    }
  })

  it('leaves every other shape to the full path, which checks the flags', async () => {
    for (const argv of [[], ['module'], ['module', 'x', '--help'], ['--quiet', '--help'], ['help', 'nope'], ['help', 'help'], ['module', '--help', '--bogus'], ['completion', 'tcsh'], ['completion', 'bash', '--bogus'], ['--version', '--json']]) {
      assert.equal((await quick(argv)).code, undefined, argv.join(' '))
    }
  })

  it('completes the app\'s module ids and declared events from the tiny reader exactly as the pickers do', async (t) => {
    const app = await appWithEvents(t)
    for (const argv of APP_SHAPES) {
      const fast = await quick(['__complete', ...argv], app)
      const slow = await full(['__complete', ...argv], app)
      assert.equal(slow.code, 0, slow.stderr)
      assert.equal(fast.stdout, slow.stdout, argv.join(' '))
    }
    assert.equal((await quick(['__complete', 'page', ''], app)).stdout, ['billing', 'plain', 'shipping', 'tracking', 'visits', ''].join('\n'))
    assert.match((await quick(['__complete', 'subscriber', 'visits', 'x', '--event', ''], app)).stdout, /^billing\.invoice\.sent\nparcels\.parcel\.scanned\nshipping\.parcel\.lost\ntracking\.overlay\nvisits\.visit\.closed\nvisits\.visit\.created\n$/)
    // the shipping module's file is the parser's to read; without it, the tiny reader answers alone
    rmSync(join(app, 'src/modules/shipping/events.ts'))
    for (const argv of APP_SHAPES) assert.equal((await quick(['__complete', ...argv], app)).stdout, (await full(['__complete', ...argv], app)).stdout, argv.join(' '))
  })

  it('a modules.ts with conditions, env reads or pushes is read by the full path, with the same answer', async (t) => {
    const conditional = "export type ModuleEntry = { id: string; from?: string }\nexport const enabledModules: ModuleEntry[] = [\n  { id: 'visits', from: '@app' },\n  { id: 'billing', from: '@app' },\n]\nif (process.env.SHIP === '1') enabledModules.push({ id: 'shipping', from: '@app' })\nenabledModules.push({ id: 'parcels', from: '@acme/parcels' })\n"
    const app = await appWithEvents(t, conditional)
    for (const argv of APP_SHAPES) assert.equal((await quick(['__complete', ...argv], app)).stdout, (await full(['__complete', ...argv], app)).stdout, argv.join(' '))
    assert.equal((await quick(['__complete', 'subscriber', 'visits', 'x', '--event', ''], app)).stdout, 'billing.invoice.sent\nparcels.parcel.scanned\nvisits.visit.closed\nvisits.visit.created\n')
  })

  it('the binary completes module ids and events of an app loading only small files: no action, zod or parser', async (t) => {
    const app = await appWithEvents(t)
    rmSync(join(app, 'src/modules/shipping/events.ts'))
    const hook = 'data:text/javascript,import{registerHooks}from"node:module";registerHooks({load(u,c,n){process.stderr.write("LOADED "+u+"\\n");return n(u,c)}})'
    for (const argv of [['__complete', 'page', ''], ['__complete', 'subscriber', 'visits', 'x', '--event', '']]) {
      const r = spawnSync(process.execPath, ['--import', hook, BIN, ...argv], { cwd: app, encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
      assert.notEqual(r.stdout, '', argv.join(' '))
      const ours = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]!)).filter((f) => f.startsWith(join(ROOT, 'dist')))
      const bytes = ours.reduce((sum, f) => sum + statSync(f).size, 0)
      assert.ok(bytes < 32_000, `${argv.join(' ')} loaded ${bytes} bytes of dist: ${ours.join(', ')}`)
    }
  })

  it('a command run loads its own action from a table that names every action and alias of ACTIONS', async () => {
    const names = ACTIONS.flatMap((a: { name: string; aliases?: string[] }) => [a.name, ...(a.aliases ?? [])])
    assert.deepEqual([...loadableNames()].sort(), [...names].sort())
    for (const spec of ACTIONS) for (const name of [spec.name, ...(spec.aliases ?? [])]) assert.equal(await loadAction(...name.split(' ')), spec, name)
    assert.equal(await loadAction('db', 'bogus'), undefined)
    assert.equal(await loadAction('nope'), undefined)
  })

  it('a module scaffold loads no other action: not page\'s neighbours, db, upgrade or the MCP server', async (t) => {
    const app = await starterApp(t)
    const hook = 'data:text/javascript,import{registerHooks}from"node:module";registerHooks({load(u,c,n){process.stderr.write("LOADED "+u+"\\n");return n(u,c)}})'
    const r = spawnSync(process.execPath, ['--import', hook, BIN, 'module', 'visits', '--quiet'], { cwd: app, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    const ours = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]!)).filter((f) => f.startsWith(join(ROOT, 'dist')))
    const text = ours.map((f) => readFileSync(f, 'utf8')).join('\n')
    for (const other of ['src/actions/db.ts', 'src/actions/upgrade.ts', 'src/actions/agents.ts', 'src/actions/doctor.ts', 'src/actions/data-entity.ts', 'src/actions/index.ts', 'node_modules/node-plop/', 'node_modules/fast-glob/']) {
      assert.ok(!text.includes(`// ${other}`), `module loaded ${other}`)
    }
    assert.ok(text.includes('// src/actions/module.ts'), 'the bundle keeps its source path comments')
  })

  it('the binary answers --help, --version and a completion loading only small files: no action, zod or parser', () => {
    // records every module file the process loads
    const hook = 'data:text/javascript,import{registerHooks}from"node:module";registerHooks({load(u,c,n){process.stderr.write("LOADED "+u+"\\n");return n(u,c)}})'
    for (const argv of [['--help'], ['--version'], ['__complete', 'mod'], ['help', 'db', 'migrate']]) {
      const r = spawnSync(process.execPath, ['--import', hook, BIN, ...argv], { encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
      const files = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]!))
      const ours = files.filter((f) => f.startsWith(join(ROOT, 'dist')))
      assert.ok(ours.includes(join(ROOT, 'dist', 'cli.js')), `${argv.join(' ')} ran the bundle: ${files.join(', ')}`)
      const bytes = ours.reduce((sum, f) => sum + statSync(f).size, 0)
      assert.ok(bytes < 32_000, `${argv.join(' ')} loaded ${bytes} bytes of dist: ${ours.join(', ')}`)
      assert.deepEqual(files.filter((f) => f.includes('node_modules')), [], argv.join(' '))
    }
  })
})
