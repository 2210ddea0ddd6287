import assert from 'node:assert/strict'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { it } from 'node:test'
import { cli, hashTree, read, starterApp } from './helpers.ts'

const put = (app: string, path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true })
  writeFileSync(join(app, path), text)
}

const SERVER = { command: 'npx', args: ['create-mercato-module', 'mcp'] }

it('agents registers the MCP server for Claude Code, Codex and Cursor and writes the skill and an AGENTS.md section, as a plan that undo reverses', async (t) => {
  const app = await starterApp(t)
  const before = hashTree(app)
  const dry = JSON.parse((await cli(['agents', '--dry-run', '--json', '--cwd', app])).stdout)
  assert.deepEqual(dry.plan.changes.map((c: { path: string; kind: string }) => `${c.kind} ${c.path}`), [
    'create .agents/skills/create-mercato-module/SKILL.md', 'create .claude/skills/create-mercato-module/SKILL.md',
    'create .codex/config.toml', 'create .cursor/mcp.json', 'create .mcp.json', 'create AGENTS.md',
  ])
  assert.equal(hashTree(app), before, 'a dry run writes nothing')

  const applied = await cli(['agents', '--cwd', app])
  assert.equal(applied.code, 0, applied.stderr)
  assert.deepEqual(JSON.parse(read(app, '.mcp.json')), { mcpServers: { 'create-mercato-module': SERVER } })
  assert.deepEqual(JSON.parse(read(app, '.cursor/mcp.json')), { mcpServers: { 'create-mercato-module': SERVER } })
  assert.equal(read(app, '.codex/config.toml'), '[mcp_servers.create-mercato-module]\ncommand = "npx"\nargs = ["create-mercato-module", "mcp"]\n')
  const skill = read(app, '.claude/skills/create-mercato-module/SKILL.md')
  assert.match(skill, /^---\nname: create-mercato-module\ndescription: Scaffold and change Open Mercato modules/)
  assert.match(skill, /Plan first/)
  assert.match(skill, /Run `doctor` when done/)
  assert.equal(read(app, '.agents/skills/create-mercato-module/SKILL.md'), skill)
  assert.match(read(app, 'AGENTS.md'), /^<!-- create-mercato-module:start -->\n## Scaffolding with create-mercato-module\n[\s\S]*`\.agents\/skills\/create-mercato-module\/SKILL\.md`\.\n<!-- create-mercato-module:end -->\n$/)

  // every command the skill's table names is one of the tool's
  const help = (await cli(['--help'])).stdout
  const commands = [...skill.matchAll(/^\| [^|]+ \| (.+) \|$/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z-]+(?: (?:status|generate|migrate))?)[ `]/g)].map((c) => c[1]!))
  assert.ok(commands.length >= 20)
  for (const command of commands) assert.match(help, new RegExp(`^  ${command} `, 'm'), command)

  const again = await cli(['agents', '--cwd', app])
  assert.match(again.stdout, /^nothing to change/)
  const undone = await cli(['undo', '--cwd', app])
  assert.equal(undone.code, 0, undone.stderr)
  for (const path of ['.mcp.json', '.codex/config.toml', '.cursor/mcp.json', 'AGENTS.md']) assert.ok(!existsSync(join(app, path)), path)
})

it('agents merges into the files that exist: other servers, tables and sections stay; its own are replaced', async (t) => {
  const app = await starterApp(t)
  put(app, '.mcp.json', '{\n    "mcpServers": {\n        "open-mercato": { "command": "yarn", "args": ["mercato", "mcp:dev"] }\n    },\n    "other": true\n}\n')
  put(app, '.codex/config.toml', 'model = "o4"\n\n[mcp_servers.create-mercato-module]\ncommand = "node"\nargs = ["old.js"]\n\n[mcp_servers.docs]\ncommand = "docs-server"\n')
  put(app, 'AGENTS.md', '# My app\n\nUse pnpm.\n')
  const r = await cli(['agents', 'claude-code,codex', '--read-only', '--cwd', app])
  assert.equal(r.code, 0, r.stderr)
  const mcp = JSON.parse(read(app, '.mcp.json'))
  assert.deepEqual(mcp, {
    mcpServers: { 'open-mercato': { command: 'yarn', args: ['mercato', 'mcp:dev'] }, 'create-mercato-module': { command: 'npx', args: ['create-mercato-module', 'mcp', '--read-only'] } },
    other: true,
  })
  assert.match(read(app, '.mcp.json'), /^\{\n {4}"mcpServers"/, 'the file keeps its indent')
  assert.equal(read(app, '.codex/config.toml'), 'model = "o4"\n\n[mcp_servers.create-mercato-module]\ncommand = "npx"\nargs = ["create-mercato-module", "mcp", "--read-only"]\n\n[mcp_servers.docs]\ncommand = "docs-server"\n')
  assert.match(read(app, 'AGENTS.md'), /^# My app\n\nUse pnpm\.\n\n<!-- create-mercato-module:start -->\n/)
  assert.ok(!existsSync(join(app, '.cursor')), 'only the agents asked for')

  const broken = await starterApp(t, 'broken')
  put(broken, '.cursor/mcp.json', '{ "mcpServers": ')
  const refused = await cli(['agents', 'cursor', '--cwd', broken])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /^error: \.cursor\/mcp\.json is not valid JSON \(.*\); fix it and run again\n$/)
})

it('in an Open Mercato app with its agentic setup, agents adds its skill beside Open Mercato\'s: .ai/skills, the default tier, a row in the task map', async (t) => {
  const app = await starterApp(t)
  const tiers = { $schema: './tiers.schema.json', default: ['core'], tiers: { core: { description: 'Daily-driver skills.', skills: ['om-help', 'om-module-scaffold'] }, infra: { skills: ['om-integration-builder'] } } }
  put(app, '.ai/skills/tiers.json', `${JSON.stringify(tiers, null, 2)}\n`)
  put(app, '.ai/skills/om-module-scaffold/SKILL.md', '---\nname: om-module-scaffold\n---\n')
  const agentsMd = '# Agent Context Routing\n\n### Module Development\n\n| Task | Load |\n|---|---|\n| Scaffold a new module from scratch | `.ai/skills/om-module-scaffold/SKILL.md` |\n| Design entities | `.ai/skills/om-data-model-design/SKILL.md` |\n'
  put(app, 'AGENTS.md', agentsMd)
  put(app, '.mcp.json', '{\n  "mcpServers": {\n    "open-mercato": {\n      "command": "yarn",\n      "args": ["mercato", "mcp:dev"]\n    }\n  }\n}\n')
  const r = await cli(['agents', '--cwd', app])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stderr, /next: yarn install-skills/)
  assert.match(read(app, '.ai/skills/create-mercato-module/SKILL.md'), /adds to the app's Open Mercato skills: `\.ai\/skills\/om-module-scaffold`/)
  for (const dir of ['.agents', '.claude']) assert.ok(!existsSync(join(app, dir)), `${dir} is install-skills' to link`)
  assert.deepEqual(JSON.parse(read(app, '.ai/skills/tiers.json')).tiers.core.skills, ['om-help', 'om-module-scaffold', 'create-mercato-module'])
  const text = read(app, 'AGENTS.md')
  assert.ok(text.startsWith('# Agent Context Routing\n\n### Module Development\n\n| Task | Load |\n|---|---|\n| Scaffold a new module from scratch | `.ai/skills/om-module-scaffold/SKILL.md` |\n| Scaffold modules, entities, pages, routes, subscribers, migrations with the tool | `.ai/skills/create-mercato-module/SKILL.md` |\n| Design entities'), text)
  assert.match(text, /<!-- create-mercato-module:start -->[\s\S]*`\.ai\/skills\/create-mercato-module\/SKILL\.md`/)
  assert.deepEqual(Object.keys(JSON.parse(read(app, '.mcp.json')).mcpServers), ['open-mercato', 'create-mercato-module'])
  assert.match((await cli(['agents', '--cwd', app])).stdout, /^nothing to change/)
})

it('the files agents writes come from templates an app can override', async (t) => {
  const app = await starterApp(t)
  put(app, '.mercato/templates/agents/mcp-server.json.hbs', '{ "command": "node", "args": ["tools/cmm.js", "mcp"{{#if readOnly}}, "--read-only"{{/if}}] }\n')
  put(app, '.mercato/templates/agents/codex-server.toml.hbs', '[mcp_servers.create-mercato-module]\ncommand = "node"\nargs = ["tools/cmm.js", "mcp"]\n')
  const r = await cli(['agents', 'claude-code', 'codex', '--cwd', app])
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(JSON.parse(read(app, '.mcp.json')).mcpServers['create-mercato-module'], { command: 'node', args: ['tools/cmm.js', 'mcp'] })
  assert.match(read(app, '.codex/config.toml'), /args = \["tools\/cmm\.js", "mcp"\]/)
})
