import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { ACTIONS } from '../actions'
import { capabilitiesOf, isStepStart, kebab, type ActionSpec } from '../actions/spec'
import { BIN } from '../cli/help'
import { dispatch, outcomeExitCode, type Face } from '../dispatch'
import { envelopeOf } from '../dispatch/envelope'
import { formatChangeList, formatDiff } from '../engine/show'
import { UsageError } from '../errors'
import { createServices } from '../services/container'
import type { Reporter } from '../services/types'
import { TOOL_VERSION } from '../version'
import { toolError } from './errors'
import { servedActions, servedReadOnly, toolName, toolOf, type ServeOptions } from './tools'

/** Work an agent cannot wait for, or that the server's mode does not serve: refused before anything runs. */
function refusal(spec: ActionSpec, raw: Record<string, unknown>, options: ServeOptions): string | null {
  const caps = capabilitiesOf(spec)
  if (caps.runsUntilStopped && !caps.forAgents(raw)) {
    return `${caps.runsUntilStopped}: true runs until it is stopped, which a tool call cannot wait for; run "${BIN} ${spec.name} --${kebab(caps.runsUntilStopped)}" in a terminal instead`
  }
  if (servedReadOnly(spec, options) && caps.changingInput && raw[caps.changingInput] === true) {
    return `${caps.changingInput}: true changes files, and this server was started with --read-only`
  }
  return null
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

async function call(spec: ActionSpec, args: Record<string, unknown>, options: ServeOptions) {
  const { cwd, ...given } = args
  // a read-only tool takes no apply or force: whatever a client sends, nothing is written
  const { apply, force, ...raw } = servedReadOnly(spec, options) ? { ...given, apply: false, force: false } : given
  const lines: string[] = []
  const services = createServices({ overrides: { reporter: collector(lines), prompter: { interactive: false, async confirm() { return false } } } })
  const refused = refusal(spec, raw, options)
  if (refused) throw new UsageError(refused)
  const face: Face = {
    previews: apply !== true,
    async confirmPlan() { return true },
    // without apply a task with no preview runs nothing: the result says to call again with apply
    async confirmTask() { return apply === true },
    async confirmTyped() { return apply === true },
    progress: (event) => { if (!isStepStart(event)) lines.push(event.text) },
  }
  const outcome = await dispatch(spec, raw, {
    services,
    cwd: typeof cwd === 'string' ? cwd : process.cwd(),
    dryRun: apply !== true && capabilitiesOf(spec).previewable,
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
export async function runMcpServer(options: ServeOptions = { readOnly: false }): Promise<number> {
  const server = new Server({ name: 'create-mercato-module', version: TOOL_VERSION }, { capabilities: { tools: {} } })
  const served = servedActions(options)
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: served.map((spec) => toolOf(spec, options)) }))
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const spec = served.find((a) => toolName(a) === request.params.name)
    if (!spec) {
      const why = options.readOnly && ACTIONS.some((a) => toolName(a) === request.params.name) ? ': it changes things, and this server was started with --read-only' : ''
      return { content: [{ type: 'text' as const, text: `unknown tool "${request.params.name}"${why}` }], isError: true }
    }
    try {
      return await call(spec, (request.params.arguments ?? {}) as Record<string, unknown>, options)
    } catch (error) {
      return toolError(spec, error, (request.params.arguments ?? {}) as Record<string, unknown>)
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
