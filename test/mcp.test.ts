import assert from 'node:assert/strict'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it, type TestContext } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN, hashTree, spawnCli, starterApp } from './helpers.ts'

type ToolResult = { content: Array<{ type: string; text: string }>; structuredContent?: Record<string, any>; isError?: boolean }

it('an MCP client over stdio lists one tool per action, dry-runs a module, applies it, and reads list', async (t) => {
  const app = await starterApp(t)
  const client = new Client({ name: 'test-agent', version: '1.0.0' })
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: app, stderr: 'pipe' }))
  t.after(() => client.close())
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult

  const { tools } = await client.listTools()
  const names = tools.map((tool) => tool.name)
  for (const name of ['new-app', 'module', 'page', 'api', 'list', 'doctor', 'db_status', 'db_migrate', 'undo']) assert.ok(names.includes(name), name)
  const module = tools.find((tool) => tool.name === 'module')!
  assert.deepEqual(module.inputSchema.required, ['id'])
  assert.equal((module.inputSchema.properties as Record<string, any>).apply.type, 'boolean')
  assert.equal(tools.find((tool) => tool.name === 'list')!.annotations?.readOnlyHint, true)

  const before = hashTree(app)
  const dry = await call('module', { id: 'visits', title: 'Visits' })
  assert.equal(dry.isError, false, dry.content[0]!.text)
  assert.match(dry.content[0]!.text, /\+\+\+ b\/src\/modules\/visits\/acl\.ts/)
  assert.match(dry.content[0]!.text, /not applied: call again with apply: true/)
  assert.equal(dry.structuredContent!.dryRun, true)
  assert.equal(hashTree(app), before, 'a call without apply changes nothing')

  const applied = await call('module', { id: 'visits', title: 'Visits', apply: true })
  assert.equal(applied.isError, false, applied.content[0]!.text)
  assert.ok(existsSync(join(app, 'src/modules/visits/acl.ts')))

  const list = await call('list', {})
  assert.deepEqual(list.structuredContent!.data.modules.map((m: { id: string }) => m.id), ['visits'])

  const bad = await call('module', { id: 'Visits' })
  assert.equal(bad.isError, true)
  // in the agent's words: the JSON field, not the CLI's <id>
  assert.match(bad.content[0]!.text, /^error: id: "Visits" is not a module id/)
  assert.deepEqual(bad.structuredContent!.invalid, ['id'])

  // an agent is told what to call again with, in tool arguments rather than CLI flags (force only
  // over the tool's own untouched scaffold: here the module it just applied, with another title)
  const exists = await call('module', { id: 'visits', title: 'Visit log', apply: true })
  assert.equal(exists.isError, true)
  const overwrite = 'overwrite it (module wrote it and it is unchanged since), or pick another name'
  assert.match(exists.content[0]!.text, /^error: src\/modules\/visits\/index\.ts already exists and differs from the scaffold\ntry: call again with \{"id":"visits","title":"Visit log","apply":true,"force":true\} \(overwrite it \(module wrote it and it is unchanged since\), or pick another name\)$/)
  assert.deepEqual(exists.structuredContent!.try, { arguments: { id: 'visits', title: 'Visit log', apply: true, force: true }, text: overwrite })
})

it('mcp --help and help mcp explain the server and how to register it (exit 0); an unknown flag is refused like any other command\'s', () => {
  for (const args of [['mcp', '--help'], ['help', 'mcp'], ['mcp', '-h']]) {
    const r = spawnCli(args)
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stdout, /^Usage: create-mercato-module mcp \[--read-only\]\n\nA Model Context Protocol server on stdio/)
    assert.match(r.stdout, /"args": \["create-mercato-module", "mcp"\]/)
    assert.match(r.stdout, /claude mcp add create-mercato-module -- npx create-mercato-module mcp/)
    assert.equal(r.stderr, '')
  }
  const bogus = spawnCli(['mcp', '--bogus'])
  assert.equal(bogus.code, 2)
  assert.equal(bogus.stdout, '')
  assert.equal(bogus.stderr, 'error: unknown flag --bogus for mcp (see "create-mercato-module mcp --help")\n')
})

it('the server exits 0, saying nothing, when the client closes its stdin', () => {
  const r = spawnCli(['mcp'])
  assert.equal(r.stderr, '')
  assert.equal(r.code, 0)
})

async function connect(t: TestContext, cwd: string, flags: string[] = []) {
  const client = new Client({ name: 'test-agent', version: '1.0.0' })
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...flags], cwd, stderr: 'pipe' }))
  t.after(() => client.close())
  return { client, call: async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult }
}

it('every tool\'s annotations tell the truth: read-only, destructive (undo, the database, anything with force), open-world', async (t) => {
  const app = await starterApp(t)
  const { client } = await connect(t, app)
  const { tools } = await client.listTools()
  const hint = (key: 'readOnlyHint' | 'destructiveHint' | 'openWorldHint') => tools.filter((tool) => tool.annotations?.[key] === true).map((tool) => tool.name).sort()
  assert.deepEqual(hint('readOnlyHint'), ['db_status', 'list', 'templates_list'])
  const destructive = hint('destructiveHint')
  for (const name of ['undo', 'db_migrate', 'db_greenfield', 'module', 'page', 'doctor', 'generate']) assert.ok(destructive.includes(name), `${name} is destructive`)
  for (const name of ['list', 'db_status', 'db_generate', 'add']) assert.ok(!destructive.includes(name), `${name} deletes nothing`)
  assert.deepEqual(hint('openWorldHint'), ['add', 'new-app'])
  for (const tool of tools) {
    const properties = tool.inputSchema.properties as Record<string, unknown>
    assert.equal('apply' in properties, tool.annotations?.readOnlyHint !== true, `${tool.name}: apply exactly where something changes`)
  }
  assert.match(tools.find((tool) => tool.name === 'db_migrate')!.description!, /changes the database; deletes files or data/)
  assert.match(tools.find((tool) => tool.name === 'db_status')!.description!, /Read-only: reads the database\.$/)
})

it('mcp --read-only lists only the tools that change nothing, doctor without fix, and refuses the rest', async (t) => {
  const app = await starterApp(t)
  const { client, call } = await connect(t, app, ['--read-only'])
  const { tools } = await client.listTools()
  assert.deepEqual(tools.map((tool) => tool.name).sort(), ['db_status', 'doctor', 'list', 'templates_list'])
  for (const tool of tools) {
    assert.equal(tool.annotations?.readOnlyHint, true, tool.name)
    assert.equal(tool.annotations?.destructiveHint, false, tool.name)
    const properties = tool.inputSchema.properties as Record<string, unknown>
    for (const key of ['apply', 'force', 'fix']) assert.ok(!(key in properties), `${tool.name} takes no ${key}`)
  }
  const before = hashTree(app)
  const module = await call('module', { id: 'visits', apply: true })
  assert.equal(module.isError, true)
  assert.match(module.content[0]!.text, /^unknown tool "module": it changes things, and this server was started with --read-only$/)
  const fix = await call('doctor', { fix: true, apply: true })
  assert.equal(fix.isError, true)
  assert.match(fix.content[0]!.text, /^error: fix: true changes files, and this server was started with --read-only/)
  const doctor = await call('doctor', {})
  assert.equal(doctor.isError, false, doctor.content[0]!.text)
  assert.equal(hashTree(app), before)
})

it('a task with no preview runs nothing without apply: add installs nothing until called with apply: true', async (t) => {
  const app = await starterApp(t)
  const pkg = join(app, '..', 'loyalty')
  mkdirSync(join(pkg, 'src/modules/loyalty'), { recursive: true })
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@acme/loyalty', version: '1.0.0' }))
  writeFileSync(join(pkg, 'src/modules/loyalty/index.ts'), 'export const metadata = { title: "Loyalty" }\n')
  const { call } = await connect(t, app)
  const before = hashTree(app)
  const dry = await call('add', { package: pkg })
  assert.equal(dry.isError, true)
  assert.match(dry.content[0]!.text, /call it again with apply: true to run it/)
  assert.equal(hashTree(app), before, 'nothing was installed or enabled')
})

it('generate with watch: true is refused before it starts: a tool call cannot wait for it', async (t) => {
  const app = await starterApp(t)
  const { call } = await connect(t, app)
  const watch = await call('generate', { watch: true, apply: true })
  assert.equal(watch.isError, true)
  assert.match(watch.content[0]!.text, /^error: watch: true runs until it is stopped, which a tool call cannot wait for; run "create-mercato-module generate --watch" in a terminal instead/)
})

it('worker with only module reports name and queue together, by JSON field, with the arguments to call again with', async (t) => {
  const app = await starterApp(t)
  const { call } = await connect(t, app)
  const r = await call('worker', { module: 'billing', apply: true })
  assert.equal(r.isError, true)
  assert.equal(r.content[0]!.text, [
    'error: missing name, queue',
    'name: missing (file name under workers/, e.g. send-reminders)',
    'queue: missing (the queue whose jobs the worker processes), e.g. "billing-sync"',
    'try: call again with {"module":"billing","name":"sync-invoices","queue":"billing-sync"} (a preview, with example values where yours were missing or invalid: put your own, then add apply: true to write)',
  ].join('\n'))
  const s = r.structuredContent!
  assert.equal(s.exitCode, 2)
  assert.deepEqual(s.missing, ['name', 'queue'])
  assert.deepEqual(s.invalid, [])
  assert.deepEqual(s.problems.map((p: { field: string; kind: string }) => [p.field, p.kind]), [['name', 'missing'], ['queue', 'missing']])
  // try is a preview: apply is left out, so calling it writes nothing
  assert.deepEqual(s.try.arguments, { module: 'billing', name: 'sync-invoices', queue: 'billing-sync' })

  // missing and invalid together; a number field's example is a number; a closed set names its values and the closest one
  const mixed = await call('worker', { module: 'billing', name: 'sync', concurrency: 500, id: 'X' })
  assert.deepEqual(mixed.structuredContent!.missing, ['queue'])
  assert.deepEqual(mixed.structuredContent!.invalid, ['concurrency', 'id'])
  assert.match(mixed.content[0]!.text, /^concurrency: at most 100, e\.g\. 4$/m)
  assert.equal(mixed.structuredContent!.try.arguments.concurrency, 4)
  const widget = await call('widget', { module: 'billing', name: 'stats', kind: 'dashbord' })
  assert.equal(widget.content[0]!.text.split('\n')[0], 'error: kind: "dashbord" is not one of dashboard, injection; did you mean "dashboard"?')
  assert.deepEqual(widget.structuredContent!.problems[0].allowed, ['dashboard', 'injection'])
  assert.equal(widget.structuredContent!.try.arguments.kind, 'dashboard')
})
