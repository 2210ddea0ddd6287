import { oneLine } from '../text'
import { loadAction } from '../actions/load'
import { isStepStart, type ActionSpec } from '../actions/spec'
import { dispatch, outcomeExitCode, type Face, type Outcome, type TaskPreview } from '../dispatch'
import type { ApplyResult } from '../dispatch/execute'
import { formatChangeList, formatDiff } from '../engine/show'
import type { Plan } from '../engine/plan'
import { EXIT, exitCodeOf, hintOf, InputError, InterruptedError, UsageError } from '../errors'
import { envelopeOf, errorEnvelope } from '../dispatch/envelope'
import { paintFor, type Paint } from '../services/colour'
import { createLiveLine } from '../services/progress'
import { createServices, type ContainerOptions } from '../services/container'
import type { Services } from '../services/types'
import { applyColorEnv } from '../tui/theme'
import { TOOL_VERSION } from '../version'
import { parseActionArgs, parseGlobal, parseHelpOnly, parseMcpArgs, type GlobalOptions } from './args'
import { actionHelp, BIN, commandWords, completionHelp, globalHelp, groupHelp, mcpHelp, refuseExtraWords } from './help'
import { tryText } from './hint'
import { readCommandIndex } from './start'
import { firstFrame } from '../tui/first-frame'
import { didYouMean } from '../validation/suggest'

/** Every action, for what lists them all (the tool's help, a group's): a command run never loads this. */
const allActions = async () => (await import('../actions')).ACTIONS

/** A command about the tool itself, not an app (schema): no menu item, same flags and --json. */
const loadToolCommand = async (name: string): Promise<ActionSpec | undefined> => (name === 'schema' ? (await import('../actions/schema')).schemaAction : undefined)

type LiveLine = ReturnType<typeof createLiveLine>

export interface CliIo extends ContainerOptions {
  /** Whether stdin and stdout are a terminal; decides between the TUI and help. */
  isTTY?: boolean
  /** Aborted on Ctrl+C: running work stops, and the command exits 130. */
  signal?: AbortSignal
}

/** How a result is shown: colours for stdout, and whether the change list was already shown at the prompt. */
interface Showing { paint: Paint; listed: boolean }

function report(plan: Plan, result: ApplyResult | null, globals: GlobalOptions, services: Services, showing: Showing) {
  const { reporter } = services
  const { paint } = showing
  // what the plan noticed (a file that cannot be read, a note on a package) is said with no change too
  if (plan.changes.length === 0) reporter.out(`nothing to change: ${plan.summary}`)
  else {
    if (globals.diff) reporter.out(formatDiff(plan, paint).trimEnd())
    if (!result) {
      reporter.out(formatChangeList(plan, paint))
      reporter.out('dry run: nothing was written')
    } else {
      const brief = globals.quiet || showing.listed
      reporter.out(brief ? `done: ${plan.summary}` : `done: ${formatChangeList({ ...plan, followUps: [] }, paint)}`)
      for (const step of result.followUps) {
        reporter.out(step.summary)
        if (!globals.quiet) for (const file of step.files ?? []) reporter.out(`  ${file}`)
        for (const note of step.notes) reporter.info(`note: ${note}`)
      }
      if (result.manifestPath) reporter.info(`undo manifest: ${result.manifestPath}`)
      for (const step of plan.next) reporter.info(`next: ${step}`)
    }
  }
  for (const note of plan.notes) reporter.info(`note: ${note}`)
}

/** The CLI's face: it asks only on a terminal, and only what --yes has not already answered. */
function cliFace(globals: GlobalOptions, services: Services, io: CliIo, showing: Showing, live: LiveLine | null): Face {
  const { reporter } = services
  return {
    previews: false,
    async confirmPlan(plan) {
      if (globals.json || !services.prompter.interactive) return true
      reporter.info(formatChangeList(plan, paintFor(io.stderr ?? process.stderr)))
      showing.listed = true
      return services.prompter.confirm('Apply these changes?')
    },
    async confirmTask() {
      return true
    },
    async confirmTyped({ word, warning }) {
      if (!services.prompter.interactive || !services.prompter.ask) throw new UsageError(`${warning}; run it again with --yes to confirm`)
      reporter.warn(warning)
      return (await services.prompter.ask(`Type "${word}" to go ahead (anything else cancels): `)).trim() === word
    },
    progress(event) {
      if (event.level === 'info' && live) live.show(event.text)
      else if (!isStepStart(event)) reporter[event.level](event.text)
    },
  }
}

function showTaskPreview(preview: TaskPreview, services: Services) {
  services.reporter.out([preview.summary, ...preview.sections.flatMap((s) => [`-- ${s.title}`, s.body.trimEnd()]), 'dry run: nothing was run'].join('\n'))
}

/** The line for a Ctrl+C that arrived once the outcome was settled: whether that outcome changed anything. */
function lateInterrupt(outcome: Outcome): string {
  const changed = outcome.kind !== 'report' && outcome.result !== null
  return changed ? 'interrupted after the work had finished: everything reported above was done' : 'interrupted: nothing was changed'
}

async function runAction(spec: ActionSpec, argv: string[], io: CliIo): Promise<number> {
  const { raw, globals } = parseActionArgs(spec, argv)
  const services = createServices({ ...io, quiet: globals.quiet })
  if (globals.help) {
    services.reporter.out(actionHelp(spec))
    return EXIT.ok
  }
  const showing: Showing = { paint: paintFor(io.stdout ?? process.stdout), listed: false }
  const stderr = io.stderr ?? process.stderr
  // on a terminal, a task's progress is one line that the results replace; in a log it stays
  const live = (stderr as { isTTY?: boolean }).isTTY && !globals.quiet && !globals.json ? createLiveLine(stderr) : null
  const outcome = await dispatch(spec, raw, { services, cwd: globals.cwd, dryRun: globals.dryRun, yes: globals.yes, force: globals.force, generate: globals.generate, signal: io.signal }, cliFace(globals, services, io, showing, live))
    .finally(() => live?.clear())
  // Ctrl+C that came after the work had finished: what it did is still reported, then the 130 line says so
  const late = io.signal?.aborted ? lateInterrupt(outcome) : null
  const code = late ? EXIT.interrupted : outcomeExitCode(outcome)
  if (globals.json) {
    services.reporter.out(JSON.stringify({ ...envelopeOf(spec.name, outcome, code, globals.dryRun), ...(late ? { error: late } : {}) }, null, 2))
    return code
  }
  switch (outcome.kind) {
    case 'plan':
      if (outcome.cancelled) services.reporter.out('cancelled: nothing was written')
      else report(outcome.plan, outcome.result, globals, services, showing)
      break
    case 'report':
      services.reporter.out(outcome.report.text)
      break
    case 'task':
      if (outcome.result) services.reporter.out(outcome.result.text)
      else if (outcome.preview) showTaskPreview(outcome.preview, services)
      else if (outcome.cancelled) services.reporter.out('cancelled: nothing was run')
      break
  }
  if (late) stderr.write(`error: ${late}\n`)
  return code
}

type Out = NodeJS.WritableStream

/** No command: the version, the tool's help, the menus on a terminal, else the help and exit 2. */
async function noCommand(globals: GlobalOptions, io: CliIo, stdout: Out, stderr: Out): Promise<number> {
  if (globals.version) {
    stdout.write(`${TOOL_VERSION}\n`)
    return EXIT.ok
  }
  if (globals.help) {
    stdout.write(`${globalHelp(await allActions())}\n`)
    return EXIT.ok
  }
  if (!(io.isTTY ?? (process.stdin.isTTY && process.stdout.isTTY))) {
    stderr.write(`${globalHelp(await allActions())}\n\nerror: no command given, and there is no terminal for the interactive menus\n`)
    return EXIT.usage
  }
  if (globals.json) throw new UsageError(`--json is for commands, not the interactive menus; give one, e.g. "${BIN} list --json"`)
  applyColorEnv()
  const flags = { dryRun: globals.dryRun, yes: globals.yes, force: globals.force, generate: globals.generate }
  // the home screen at once, from the command index, while ink, React and the actions load (see tui/first-frame.ts)
  const plain = !flags.dryRun && !flags.yes && !flags.force && flags.generate
  const index = plain && stdout === process.stdout ? readCommandIndex(new URL('./commands.json', import.meta.url)) : null
  const drawn = index ? firstFrame(index, globals.cwd, { columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 }, process.env.FORCE_COLOR !== '0') : null
  if (drawn) stdout.write(drawn.output)
  const { runTui } = await import('../tui/index')
  return runTui({ cwd: globals.cwd, flags, known: drawn?.app })
}

/** The faces that are not an action: shell completion (its script, and the values it asks for) and the MCP server. */
const FACES: Record<string, (words: string[], argv: string[], stdout: Out) => Promise<number>> = {
  async completion(words, argv, stdout) {
    refuseExtraWords(words, 'completion')
    if (parseHelpOnly(argv, 'completion', true)) stdout.write(`${completionHelp()}\n`)
    // loaded only here, so the normal path reads none of it
    else stdout.write((await import('./completion')).completionScript(words[1]))
    return EXIT.ok
  },
  async __complete(_words, argv, stdout) {
    const [{ complete }, { buildCommandIndex }, { appValues }] = await Promise.all([import('./completion'), import('./command-index'), import('./completion-values')])
    const values = (command: string, key: string, given: Record<string, unknown>) => appValues(command, key, given, process.cwd())
    stdout.write((await complete(argv.slice(1), buildCommandIndex(), values)).map((c) => `${c}\n`).join(''))
    return EXIT.ok
  },
  async mcp(words, argv, stdout) {
    refuseExtraWords(words, 'mcp')
    const { help, readOnly } = parseMcpArgs(argv)
    if (help) {
      stdout.write(`${mcpHelp()}\n`)
      return EXIT.ok
    }
    // loaded only here: the protocol SDK is a chunk the normal path never reads
    return (await import('../mcp/server')).runMcpServer({ readOnly })
  },
}

/** A first word that names no action: a group's help (`db --help`), else what the group takes or the closest command. */
async function groupOrUnknown(words: string[], globals: GlobalOptions, stdout: Out): Promise<number> {
  const first = words[0]!
  const actions = await allActions()
  const group = actions.filter((a) => a.name.startsWith(`${first} `))
  if (group.length === 0) throw new UsageError(`unknown command "${first}"${didYouMean(first, commandWords(actions))} (see "${BIN} --help")`)
  if (globals.help && words.length === 1) {
    stdout.write(`${groupHelp(first, group)}\n`)
    return EXIT.ok
  }
  const subs = group.map((a) => a.name.slice(first.length + 1))
  const guess = words[1] ? didYouMean(words[1], subs, (w) => `"${first} ${w}"`) : ''
  if (guess) throw new UsageError(`unknown command "${first} ${words[1]}"${guess} (see "${BIN} ${first} --help")`)
  const sub = words[1] ? `unknown command "${first} ${words[1]}"; ` : ''
  throw new UsageError(`${sub}"${first}" takes one of: ${subs.join(', ')} (see "${BIN} ${first} --help")`)
}

/** An error as the one `error:` line (and a `try:` line), or as the JSON envelope under --json; returns the exit code. */
function reportError(error: unknown, command: string | undefined, failed: ActionSpec | undefined, json: boolean, io: CliIo, stdout: Out, stderr: Out): number {
  // a child killed by the same Ctrl+C fails on its own; the user's interrupt is the cause
  const interrupted = io.signal?.aborted && !(error instanceof InterruptedError) ? new InterruptedError() : error
  const message = interrupted instanceof Error ? interrupted.message : String(interrupted)
  const code = exitCodeOf(interrupted)
  const hint = hintOf(interrupted)
  const problems = interrupted instanceof InputError ? interrupted.problems : undefined
  if (json) stdout.write(`${JSON.stringify(errorEnvelope(command, code, message, hint && tryText(hint, failed), problems))}\n`)
  else stderr.write(`error: ${oneLine(message)}\n${hint ? `try: ${oneLine(tryText(hint, failed))}\n` : ''}`)
  if (code === EXIT.failure && !(error instanceof Error && 'exitCode' in error) && process.env.DEBUG) stderr.write(`${(error as Error).stack}\n`)
  return code
}

/** The whole CLI as a function of argv and streams, so tests can run it in-process. */
export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const stderr = io.stderr ?? process.stderr
  const stdout = io.stdout ?? process.stdout
  let json = false
  let command: string | undefined
  let spec: ActionSpec | undefined
  try {
    // `help <command>` is `<command> --help`
    const args = argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv
    const { words, globals } = parseGlobal(args)
    json = globals.json
    command = words[0]
    if (!command) return await noCommand(globals, io, stdout, stderr)
    const face = Object.hasOwn(FACES, command) ? FACES[command] : undefined
    if (face) return await face(words, args, stdout)
    spec = (await loadAction(...words)) ?? (await loadToolCommand(command))
    if (!spec) return await groupOrUnknown(words, globals, stdout)
    command = spec.name
    return await runAction(spec, args, io)
  } catch (error) {
    return reportError(error, command, spec, json, io, stdout, stderr)
  }
}
