import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN, cli, starterApp } from './helpers.ts'
import { startTui } from './tui-driver.ts'

type ToolResult = { content: Array<{ type: string; text: string }>; isError?: boolean }

it('upgrade has a face in the menus and an MCP tool, like every action', async (t) => {
  const app = await starterApp(t)
  assert.equal((await cli(['module', 'fleet', '--with-page', '--cwd', app, '--quiet'])).code, 0)
  const template = join(app, '.mercato/templates/page/page.tsx.hbs')
  mkdirSync(join(app, '.mercato/templates/page'), { recursive: true })
  writeFileSync(template, readFileSync(join(import.meta.dirname, '../templates/page/page.tsx.hbs'), 'utf8').replace('<section>', '<section data-v2>'))

  const tui = startTui(app)
  t.after(() => tui.ui.unmount())
  await tui.open('upgrade')
  await tui.waitFor(/allow-conflicts/i, 60_000)

  const client = new Client({ name: 'test-agent', version: '1.0.0' })
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: app, stderr: 'pipe' }))
  t.after(() => client.close())
  const dry = (await client.callTool({ name: 'upgrade', arguments: {} })) as ToolResult
  assert.equal(dry.isError, false, dry.content[0]!.text)
  assert.match(dry.content[0]!.text, /\+ {4}<section data-v2>/)
  assert.match(dry.content[0]!.text, /not applied: call again with apply: true/)
})
