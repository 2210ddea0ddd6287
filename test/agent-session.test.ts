/**
 * A scripted coding agent: an MCP client (the SDK's) that builds a feature in an empty starter app
 * using only what the tools return. It knows what it wants (a fleet module with a Vehicle entity
 * and its CRUD API, a subscriber on the vehicle's created event, a page, migrations, a clean doctor)
 * but not the tools' inputs: each step starts from a call with no inputs, fills what the structured
 * error says is missing (its own values where it has them, else the `try` arguments), previews,
 * then applies. Every result must be well-formed; the number of calls is the figure to watch.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN, starterApp } from './helpers.ts'

type Result = { content: Array<{ type: string; text: string }>; structuredContent?: Record<string, any>; isError?: boolean }

/** What every tool result holds: text, and the envelope (ok, command, exitCode; error and problems on failure). */
function assertWellFormed(name: string, r: Result) {
  assert.ok(Array.isArray(r.content) && r.content.length > 0 && r.content.every((c) => c.type === 'text' && typeof c.text === 'string'), `${name}: text content`)
  const s = r.structuredContent
  assert.ok(s, `${name}: structured content`)
  assert.equal(typeof s.ok, 'boolean', `${name}: ok`)
  assert.equal(s.command.replace(/ /g, '_'), name)
  assert.equal(typeof s.exitCode, 'number')
  assert.equal(s.ok, !r.isError, `${name}: ok and isError agree`)
  if (r.isError) {
    assert.equal(typeof s.error, 'string', `${name}: an error says what is wrong`)
    for (const p of s.problems ?? []) {
      assert.ok(['missing', 'invalid'].includes(p.kind) && typeof p.message === 'string', `${name}: problem ${JSON.stringify(p)}`)
    }
  }
}

it('a scripted agent builds a feature from an empty starter app using only what the tools return', async (t) => {
  const app = await starterApp(t)
  const client = new Client({ name: 'scripted-agent', version: '1.0.0' })
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: app, stderr: 'pipe' }))
  t.after(() => client.close())

  const log: string[] = []
  const { tools } = await client.listTools()
  log.push('tools/list')
  const schemaOf = (name: string) => {
    const tool = tools.find((x) => x.name === name)
    assert.ok(tool, `the server has a ${name} tool`)
    return tool.inputSchema.properties as Record<string, unknown>
  }
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = (await client.callTool({ name, arguments: args })) as Result
    log.push(`${name} ${JSON.stringify(args)}${r.isError ? ' -> error' : ''}`)
    assertWellFormed(name, r)
    return r
  }

  /**
   * One step: a first call with only what the agent already knows (the module it works in), then
   * what it wants plus whatever the structured error asks for (the agent's value, else the `try`
   * arguments), until the preview passes; then the same arguments with apply.
   */
  const step = async (name: string, wants: Record<string, unknown>, known: Record<string, unknown> = {}) => {
    const properties = schemaOf(name)
    for (const key of Object.keys(wants)) assert.ok(key in properties, `${name} advertises ${key}`)
    let args = { ...known }
    let r = await call(name, args)
    for (let round = 0; round < 3; round++) {
      const fixes: Record<string, unknown> = {}
      if (r.isError) {
        const s = r.structuredContent!
        assert.ok(s.problems?.length > 0, `${name}: the error names its problems: ${r.content[0]!.text}`)
        for (const p of s.problems) {
          fixes[p.field] = p.field in wants ? wants[p.field] : s.try?.arguments?.[p.field]
          assert.notEqual(fixes[p.field], undefined, `${name}: nothing to fill ${p.field} with`)
        }
      }
      const next = { ...args, ...wants, ...fixes }
      if (!r.isError && JSON.stringify(next) === JSON.stringify(args)) break
      args = next
      r = await call(name, args)
    }
    assert.equal(r.isError, false, `${name}: still refused:\n${r.content[0]!.text}`)
    // a preview: it changed nothing and says what it would do
    assert.equal(r.structuredContent!.dryRun, true, `${name}: without apply it is a preview`)
    const applied = await call(name, { ...args, apply: true })
    assert.equal(applied.isError, false, applied.content[0]!.text)
    return applied
  }

  const listing = async () => (await call('list', {})).structuredContent!.data
  assert.deepEqual((await listing()).modules, [], 'an empty starter app')

  await step('module', { id: 'fleet', title: 'Fleet' })
  await step('data-entity', { name: 'Vehicle', field: ['plate:text:required', 'mileage:integer'], crud: true, events: true }, { module: 'fleet' })
  const created = (await listing()).events.map((e: { id: string }) => e.id).find((id: string) => id.endsWith('.created'))
  assert.equal(created, 'fleet.vehicle.created', 'the entity declared its events')
  await step('subscriber', { name: 'notify-created', event: created }, { module: 'fleet' })
  // the slice wrote the vehicles pages; the agent adds a page of its own beside them
  await step('page', { path: 'reports' }, { module: 'fleet' })
  // a widget's kind is a closed set: the agent takes the value `try` offers from the allowed ones
  await step('widget', { name: 'fleet-stats' }, { module: 'fleet' })
  await step('db_generate', {})
  await step('db_migrate', {})
  const doctor = await call('doctor', {})
  assert.equal(doctor.structuredContent!.ok, true, doctor.content[0]!.text)
  assert.deepEqual(doctor.structuredContent!.data.findings, [])

  const after = await listing()
  assert.deepEqual(after.modules.map((m: { id: string }) => m.id), ['fleet'])
  assert.ok(existsSync(join(app, 'src/modules/fleet/subscribers/notify-created.ts')))
  assert.ok(after.widgets.some((w: { module: string }) => w.module === 'fleet'), JSON.stringify(after.widgets))
  assert.ok(readdirSync(join(app, 'src/modules/fleet/migrations')).some((f) => /^Migration\d{14}_fleet\.ts$/.test(f)))
  const calls = log.length - 1
  t.diagnostic(`agent session: ${calls} tool calls (+ tools/list)\n${log.join('\n')}`)
  // a bound, not a figure to match: each step is one call without inputs, one with what it says, a preview and an apply at most
  assert.ok(calls <= 30, `${calls} calls`)
})
