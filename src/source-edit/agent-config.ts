/**
 * Merges into the files coding agents read (their MCP registration, AGENTS.md, Open Mercato's skill
 * tiers): what we add goes in beside what is there, and what we added before is replaced, never the rest.
 */
import { UsageError } from '../errors'
import { followLineEndings } from '../services/line-endings'

type JsonObject = Record<string, unknown>

function parseObject(path: string, text: string): JsonObject {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); fix it and run again`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${path} does not hold a JSON object; fix it and run again`)
  return parsed as JsonObject
}

/** The indent a JSON text uses, so a rewritten file keeps it. */
const indentOf = (text: string) => /\n([ \t]+)"/.exec(text)?.[1] ?? '  '

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `.mcp.json`, `.cursor/mcp.json`: `mcpServers[name]` set to `entry`, every other key kept in its place. */
export function mergeMcpServer(path: string, text: string | null, name: string, entry: JsonObject): string {
  const config = text === null ? {} : parseObject(path, text)
  const servers = config.mcpServers ?? {}
  if (!isObject(servers)) throw new UsageError(`${path}: "mcpServers" is not an object; fix it and run again`)
  if (JSON.stringify(servers[name]) === JSON.stringify(entry) && text !== null) return text
  const merged = { ...config, mcpServers: { ...servers, [name]: entry } }
  const after = `${JSON.stringify(merged, null, text === null ? '  ' : indentOf(text))}\n`
  return text === null ? after : followLineEndings(text, after)
}

/**
 * `.codex/config.toml`: the table `block` starts with (`[mcp_servers.x]`) replaced up to the next
 * table header, or appended. The rest of the file keeps its bytes; no TOML is rewritten.
 */
export function mergeTomlTable(text: string | null, block: string): string {
  const header = block.split('\n')[0]!.trim()
  const body = block.endsWith('\n') ? block : `${block}\n`
  if (text === null || text.trim() === '') return body
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((line) => line.trim() === header)
  if (start === -1) return followLineEndings(text, `${text.replace(/\s*$/, '')}\n\n${body}`)
  let end = lines.findIndex((line, i) => i > start && /^\s*\[/.test(line))
  if (end === -1) end = lines.length
  // blank lines before the next table stay between the tables
  while (end > start + 1 && lines[end - 1]!.trim() === '') end--
  const after = [...lines.slice(0, start), ...body.trimEnd().split('\n'), ...lines.slice(end)].join('\n')
  return followLineEndings(text, after.endsWith('\n') ? after : `${after}\n`)
}

/** A section between `<!-- x:start -->` and `<!-- x:end -->` (both in `section`): replaced where it is, or appended. */
export function mergeMarkedSection(text: string | null, section: string): string {
  const body = section.endsWith('\n') ? section : `${section}\n`
  const start = body.split('\n')[0]!
  const end = body.trimEnd().split('\n').at(-1)!
  if (text === null) return body
  const from = text.indexOf(start)
  const to = from === -1 ? -1 : text.indexOf(end, from)
  if (from === -1 || to === -1) return followLineEndings(text, `${text.replace(/\s*$/, '')}\n\n${body}`)
  const rest = text.slice(to + end.length).replace(/^\r?\n/, '')
  return followLineEndings(text, `${text.slice(0, from)}${body}${rest}`)
}

/**
 * A table row added after the row that mentions `after` (Open Mercato's AGENTS.md task map), unless
 * the text has the row already; null when there is no such row to put it beside.
 */
export function insertRowAfter(text: string, after: string, row: string): string | null {
  const line = row.trimEnd()
  if (text.includes(line)) return text
  const lines = text.split(/\r?\n/)
  const at = lines.findIndex((l) => l.startsWith('|') && l.includes(after))
  if (at === -1) return null
  return followLineEndings(text, [...lines.slice(0, at + 1), line, ...lines.slice(at + 1)].join('\n'))
}

/** Open Mercato's `.ai/skills/tiers.json`: `skill` added to the default tier, so `install-skills` links it for every agent. */
export function addToDefaultTier(path: string, text: string, skill: string): string {
  const manifest = parseObject(path, text)
  const tierName = Array.isArray(manifest.default) && typeof manifest.default[0] === 'string' ? manifest.default[0] : 'core'
  const tiers = isObject(manifest.tiers) ? manifest.tiers : {}
  const tier = tiers[tierName]
  if (!isObject(tier) || !Array.isArray(tier.skills)) throw new UsageError(`${path} has no tier "${tierName}" with a skills list; add the skill ${skill} to a tier yourself`)
  if (tier.skills.includes(skill)) return text
  const merged = { ...manifest, tiers: { ...tiers, [tierName]: { ...tier, skills: [...tier.skills, skill] } } }
  return followLineEndings(text, `${JSON.stringify(merged, null, indentOf(text))}\n`)
}
