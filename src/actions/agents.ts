import { z } from 'zod'
import { addToDefaultTier, insertRowAfter, mergeMarkedSection, mergeMcpServer, mergeTomlTable } from '../source-edit/agent-config'
import { UsageError } from '../errors'
import { writeScaffold } from './scaffold'
import { defineAction, list } from './spec'

export const AGENTS = ['claude-code', 'codex', 'cursor'] as const
type Agent = (typeof AGENTS)[number]

const SERVER = 'create-mercato-module'
const SKILL = 'create-mercato-module'
/** Open Mercato's agentic setup (`mercato agentic:init`): skills live in .ai/skills, tiers.json says which are linked. */
const OM_TIERS = '.ai/skills/tiers.json'

/** Where each agent reads its project's MCP servers. */
const MCP_CONFIG: Record<Agent, string> = { 'claude-code': '.mcp.json', codex: '.codex/config.toml', cursor: '.cursor/mcp.json' }

/**
 * Where each agent reads project skills: Claude Code its own folder, Codex and Cursor the shared
 * `.agents/skills/` (as Open Mercato's install-skills lays them out). In an Open Mercato app the skill
 * goes to `.ai/skills/` beside Open Mercato's, and its `yarn install-skills` links it for each agent.
 */
const skillDir = (agent: Agent) => (agent === 'claude-code' ? '.claude/skills' : '.agents/skills')

const input = z.object({
  agents: list(z.enum(AGENTS)).default([...AGENTS]).describe('the coding agents to set up: claude-code, codex, cursor (default: all three)'),
  readOnly: z.boolean().default(false).describe('register the server as mcp --read-only: the agents get only the tools that change nothing'),
})

export const agentsAction = defineAction({
  kind: 'plan',
  name: 'agents',
  summary: 'set up coding agents (Claude Code, Codex, Cursor) to use this tool: their MCP registration and a skill saying when and how',
  positionals: ['agents'],
  input,
  needsApp: true,
  examples: ['agents', 'agents claude-code', 'agents codex cursor --read-only'],
  async plan(i, { tree, templates, force, app }) {
    const root = app!.root
    const chosen = [...new Set(i.agents)]
    const openMercato = await tree.exists(OM_TIERS)
    const skillPaths = openMercato ? [`.ai/skills/${SKILL}/SKILL.md`] : [...new Set(chosen.map((a) => `${skillDir(a)}/${SKILL}/SKILL.md`))]
    const data = { readOnly: i.readOnly, openMercato, skillPath: skillPaths.at(-1) }

    for (const agent of chosen) {
      const path = MCP_CONFIG[agent]
      if (agent === 'codex') {
        await tree.write(path, mergeTomlTable(await tree.read(path), await templates.render('agents/codex-server.toml.hbs', data, root)))
        continue
      }
      const rendered = await templates.render('agents/mcp-server.json.hbs', data, root)
      let entry: Record<string, unknown>
      try {
        entry = JSON.parse(rendered)
      } catch (error) {
        throw new UsageError(`the template agents/mcp-server.json.hbs does not render JSON (${(error as Error).message}); fix the override in .mercato/templates`)
      }
      await tree.write(path, mergeMcpServer(path, await tree.read(path), SERVER, entry))
    }

    const skill = await templates.render('agents/SKILL.md.hbs', data, root)
    for (const path of skillPaths) await writeScaffold(tree, path, skill, force)

    const notes: string[] = []
    const next: string[] = []
    if (openMercato) {
      await tree.write(OM_TIERS, addToDefaultTier(OM_TIERS, (await tree.read(OM_TIERS))!, SKILL))
      next.push('yarn install-skills   (links the skill into .agents/skills and .claude/skills, as for Open Mercato\'s own)')
    }
    // Codex and Cursor read AGENTS.md; Claude Code finds the skill by its description
    if (openMercato || chosen.some((a) => a !== 'claude-code')) {
      const agentsMd = await tree.read('AGENTS.md')
      let text = mergeMarkedSection(agentsMd, await templates.render('agents/AGENTS.section.md.hbs', data, root))
      if (openMercato) text = insertRowAfter(text, 'om-module-scaffold', await templates.render('agents/om-skills-row.md.hbs', data, root)) ?? text
      await tree.write('AGENTS.md', text)
    }
    if (chosen.includes('codex')) notes.push('Codex reads .codex/config.toml in a project it trusts')
    return { summary: `${chosen.join(', ')}: MCP server ${SERVER}${i.readOnly ? ' (--read-only)' : ''} and the ${SKILL} skill`, notes, next }
  },
})
