/**
 * Read-only means read-only: a command that only reports, and every dry run, leaves the app exactly
 * as it was, `.mercato` and its cache included (an embedded database it would have to create too).
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN, cli, hashTree } from '../helpers.ts'
import { arena, attack, ok, tallyMany } from './contract.ts'

const READ_ONLY: string[][] = [
  ['list'], ['list', '--json'], ['doctor'], ['db', 'status'], ['db', 'status', '--json'], ['db', 'migrate', '--dry-run'],
  ['db', 'generate', '--dry-run'], ['generate', '--check'], ['generate', '--dry-run'], ['templates', 'list'], ['schema'],
  ['module', 'visits', '--dry-run'], ['data-entity', 'fleet', 'Truck', '--field', 'plate:text', '--dry-run'],
]

describe('2b. read-only commands and dry runs change nothing', () => {
  for (const args of READ_ONLY) {
    attack(`${args.join(' ')} on an app with an entity and a migration but no database yet: tree equal, cache included`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'fleet', '--quiet'])
      await ok(a, ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--quiet'])
      await ok(a, ['db', 'generate', '--quiet'])
      const before = hashTree(a.app, { withCache: true })
      const result = await cli([...args, '--cwd', a.app])
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
      assert.equal(hashTree(a.app, { withCache: true }), before, `${args.join(' ')} changed the app`)
      assert.equal(existsSync(join(a.app, '.mercato/db')), false, 'no embedded database was created')
    })
  }

  attack('undo --dry-run after a scaffold: tree equal', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits', '--quiet'])
    const before = hashTree(a.app, { withCache: true })
    const result = await cli(['undo', '--dry-run', '--cwd', a.app])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(hashTree(a.app, { withCache: true }), before)
  })

  attack('db status with no database yet says so and counts every migration pending', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'fleet', '--quiet'])
    await ok(a, ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--quiet'])
    await ok(a, ['db', 'generate', '--quiet'])
    const result = await cli(['db', 'status', '--cwd', a.app])
    assert.match(result.stdout, /^on embedded PGlite in \.mercato\/db\/data \(not created yet; db migrate creates it\):\n/)
    assert.match(result.stdout, /\nfleet\s+0\s+1\s+no\n/)
  })

  // an agent's call without apply is a dry run (or, for a task with no preview, a refusal): every
  // tool, called with nothing (a preview with example values) and with a real id, changes nothing
  it('every MCP tool called without apply: tree equal, cache included', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'fleet', '--quiet'])
    await ok(a, ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--quiet'])
    await ok(a, ['db', 'generate', '--quiet'])
    const client = new Client({ name: 'read-only-check', version: '1.0.0' })
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: a.app, stderr: 'pipe' }))
    t.after(() => client.close())
    const { tools } = await client.listTools()
    const changed: string[] = []
    for (const tool of tools) {
      for (const args of [{}, { id: 'fleet', module: 'fleet', name: 'vehicles' }]) {
        const before = hashTree(a.app, { withCache: true })
        await client.callTool({ name: tool.name, arguments: args })
        if (hashTree(a.app, { withCache: true }) !== before) changed.push(`${tool.name} ${JSON.stringify(args)}`)
      }
    }
    tallyMany(tools.length * 2, tools.length * 2 - changed.length)
    assert.deepEqual(changed, [], 'tools that changed the app without apply')
    assert.equal(existsSync(join(a.app, '.mercato/db')), false, 'no embedded database was created')
  })
})
