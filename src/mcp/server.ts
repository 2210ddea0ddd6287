import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { ACTIONS } from '../actions'
import { isStepStart, type ActionSpec } from '../actions/spec'
import { dispatch, outcomeExitCode, type Face } from '../dispatch'
import { envelopeOf, errorEnvelope } from '../dispatch/envelope'
import { formatChangeList, formatDiff } from '../engine/show'
import { exitCodeOf, hintOf } from '../errors'
import { actionable, remedyFor } from '../dispatch/hint'
import { createServices } from '../services/container'
import type { Reporter } from '../services/types'
import { TOOL_VERSION } from '../version'

/** Tool names allow no spaces: `db migrate` is `db_migrate`. */
const toolName = (spec: ActionSpec) => spec.name.replace(/ /g, '_')

/** What an agent may not do over stdio: watching runs until killed. */
const UNAVAILABLE: Record<string, (input: Record<string, unknown>) => string | null> = {
  generate: (i) => (i.watch ? '--watch runs until it is stopped; run "create-mercato-module generate --watch" in a terminal instead' : null),
}

const changes = (spec: ActionSpec) => spec.kind === 'plan' || spec.select !== undefined

function inputSchema(spec: ActionSpec) {
  const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] }
  const properties: Record<string, unknown> = {
    ...schema.properties,
    cwd: { type: 'string', description: 'the app folder (or any folder inside it; for new-app, where relative paths start); default: the folder the server runs in' },
  }
  if (changes(spec) || spec.kind === 'task') {
    properties.apply = { type: 'boolean', default: false, description: 'false (default): return the plan and its unified diff, change nothing; true: apply it' }
  }
  if (changes(spec)) properties.force = { type: 'boolean', default: false, description: 'overwrite scaffold files that differ' }
  return { type: 'object' as const, properties, required: schema.required ?? [] }
}

function describe(spec: ActionSpec): string {
  if (spec.kind === 'report' && !spec.select) return `${spec.summary}. Read-only.`
  return `${spec.summary}. Without apply: true it only returns what it would change (plan and unified diff).`
}

/** A reporter that collects what the work says; stdout belongs to the protocol. */
function collector(lines: string[]): Reporter {
  return {
    out: (text) => lines.push(text),
    info: (text) => lines.push(text),
    warn: (text) => lines.push(`warning: ${text}`),
    error: (text) => lines.push(`error: ${text}`),
  }
}

async function call(spec: ActionSpec, args: Record<string, unknown>) {
  const { cwd, apply, force, ...raw } = args
  const lines: string[] = []
  const services = createServices({ overrides: { reporter: collector(lines), prompter: { interactive: false, async confirm() { return false } } } })
  const refusal = UNAVAILABLE[spec.name]?.(raw)
  if (refusal) throw new Error(refusal)
  const face: Face = {
    previews: apply !== true,
    async confirmPlan() { return true },
    async confirmTask() { return true },
    async confirmTyped() { return apply === true },
    progress: (event) => { if (!isStepStart(event)) lines.push(event.text) },
  }
  const outcome = await dispatch(spec, raw, {
    services,
    cwd: typeof cwd === 'string' ? cwd : process.cwd(),
    dryRun: apply !== true && (changes(spec) || (spec.kind === 'task' && spec.preview !== undefined)),
    yes: apply === true,
    force: force === true,
  }, face)
  if (spec.kind === 'task' && apply !== true && outcome.kind === 'task' && !outcome.preview) {
    throw new Error(`${spec.name} changes the database or runs other tools; call it again with apply: true to run it`)
  }
  const exitCode = outcomeExitCode(outcome)
  const envelope = envelopeOf(spec.name, outcome, exitCode, apply !== true)
  const text = outcome.kind === 'plan'
    ? [formatChangeList(outcome.plan), outcome.result ? 'applied' : 'not applied: call again with apply: true to write it', formatDiff(outcome.plan).trimEnd()].join('\n\n')
    : outcome.kind === 'report' ? outcome.report.text : outcome.result?.text ?? JSON.stringify(outcome.preview, null, 2)
  return {
    content: [{ type: 'text' as const, text: [text, ...lines].filter(Boolean).join('\n') }],
    structuredContent: envelope as unknown as Record<string, unknown>,
    isError: exitCode !== 0,
  }
}

/** The MCP server on stdio: one tool per action, each described by the action's own zod schema. */
export async function runMcpServer(): Promise<number> {
  const server = new Server({ name: 'create-mercato-module', version: TOOL_VERSION }, { capabilities: { tools: {} } })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: ACTIONS.map((spec) => ({
      name: toolName(spec),
      description: describe(spec),
      inputSchema: inputSchema(spec),
      annotations: { readOnlyHint: spec.kind === 'report' && !spec.select, destructiveHint: spec.kind === 'task' && spec.confirm !== undefined },
    })),
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const spec = ACTIONS.find((a) => toolName(a) === request.params.name)
    if (!spec) return { content: [{ type: 'text' as const, text: `unknown tool "${request.params.name}"` }], isError: true }
    try {
      return await call(spec, (request.params.arguments ?? {}) as Record<string, unknown>)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const hint = hintOf(error)
      const remedy = hint && remedyFor(hint, spec, ['force'])
      // an agent calls tools: the remedy is the arguments to call again with
      const next = remedy && (actionable(remedy) ? `call again with ${JSON.stringify({ ...remedy.globals, ...remedy.inputs, ...(remedy.field ? { [remedy.field]: `<${remedy.field}>` } : {}) })} to ${remedy.text}` : remedy.text)
      return {
        content: [{ type: 'text' as const, text: `error: ${message}${next ? `\ntry: ${next}` : ''}` }],
        structuredContent: errorEnvelope(spec.name, exitCodeOf(error), message, next) as unknown as Record<string, unknown>,
        isError: true,
      }
    }
  })
  const closed = new Promise<void>((resolve) => { server.onclose = resolve })
  await server.connect(new StdioServerTransport())
  // stdio: the server lives until the client closes its end, which the SDK's transport does not watch
  // for; left waiting, the process would end with its top-level await unsettled (exit 13)
  process.stdin.once('end', () => void server.close())
  await closed
  return 0
}
