import { ACTIONS, findAction } from '../actions'
import type { ActionSpec } from '../actions/spec'
import { dispatch, outcomeExitCode, type Face, type TaskPreview } from '../dispatch'
import type { ApplyResult } from '../engine/execute'
import { formatChangeList, formatDiff, planToJson } from '../engine/show'
import type { Plan } from '../engine/plan'
import { EXIT, exitCodeOf, UsageError } from '../errors'
import { paintFor, type Paint } from '../services/colour'
import { createLiveLine } from '../services/progress'

type LiveLine = ReturnType<typeof createLiveLine>
import { createServices, type ContainerOptions } from '../services/container'
import type { Services } from '../services/types'
import { applyColorEnv } from '../tui/theme'
import { TOOL_VERSION } from '../version'
import { parseActionArgs, parseGlobal, type GlobalOptions } from './args'
import { actionHelp, BIN, commandWords, globalHelp, groupHelp } from './help'
import { didYouMean } from '../validation/suggest'

export interface CliIo extends ContainerOptions {
  /** Whether stdin and stdout are a terminal; decides between the TUI and help. */
  isTTY?: boolean
}

/** How a result is shown: colours for stdout, and whether the change list was already shown at the prompt. */
interface Showing { paint: Paint; listed: boolean }

function report(plan: Plan, result: ApplyResult | null, globals: GlobalOptions, services: Services, showing: Showing) {
  const { reporter } = services
  const { paint } = showing
  if (globals.json) {
    reporter.out(JSON.stringify({ ok: true, dryRun: globals.dryRun, applied: result !== null, plan: planToJson(plan), result }, null, 2))
    return
  }
  if (plan.changes.length === 0) {
    reporter.out(`nothing to change: ${plan.summary}`)
    return
  }
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
    async confirmTyped({ warning }) {
      throw new UsageError(`${warning}; run it again with --yes to confirm`)
    },
    progress({ level, text }) {
      if (level === 'info' && live) live.show(text)
      else reporter[level](text)
    },
  }
}

function showTaskPreview(preview: TaskPreview, globals: GlobalOptions, services: Services) {
  if (globals.json) {
    services.reporter.out(JSON.stringify({ ok: true, dryRun: true, preview }, null, 2))
    return
  }
  services.reporter.out([preview.summary, ...preview.sections.flatMap((s) => [`-- ${s.title}`, s.body.trimEnd()]), 'dry run: nothing was run'].join('\n'))
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
  const outcome = await dispatch(spec, raw, { services, cwd: globals.cwd, dryRun: globals.dryRun, yes: globals.yes, force: globals.force, generate: globals.generate }, cliFace(globals, services, io, showing, live))
    .finally(() => live?.clear())
  switch (outcome.kind) {
    case 'plan':
      if (outcome.cancelled) services.reporter.out('cancelled: nothing was written')
      else report(outcome.plan, outcome.result, globals, services, showing)
      break
    case 'report':
      services.reporter.out(globals.json ? JSON.stringify(outcome.report.data, null, 2) : outcome.report.text)
      break
    case 'task':
      if (outcome.result) services.reporter.out(globals.json ? JSON.stringify(outcome.result.data, null, 2) : outcome.result.text)
      else if (outcome.preview) showTaskPreview(outcome.preview, globals, services)
      break
  }
  return outcomeExitCode(outcome)
}

/** The whole CLI as a function of argv and streams, so tests can run it in-process. */
export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const stderr = io.stderr ?? process.stderr
  const stdout = io.stdout ?? process.stdout
  let json = false
  try {
    // `help <command>` is `<command> --help`
    if (argv[0] === 'help') argv = [...argv.slice(1), '--help']
    const { words, globals } = parseGlobal(argv)
    const command = words[0]
    json = globals.json
    if (!command) {
      if (globals.version) {
        stdout.write(`${TOOL_VERSION}\n`)
        return EXIT.ok
      }
      if (globals.help) {
        stdout.write(`${globalHelp()}\n`)
        return EXIT.ok
      }
      if (io.isTTY ?? (process.stdin.isTTY && process.stdout.isTTY)) {
        if (globals.json) throw new UsageError(`--json is for commands, not the interactive menus; give one, e.g. "${BIN} list --json"`)
        applyColorEnv()
        const { runTui } = await import('../tui/index')
        return await runTui({ cwd: globals.cwd, flags: { dryRun: globals.dryRun, yes: globals.yes, force: globals.force, generate: globals.generate } })
      }
      stderr.write(`${globalHelp()}\n\nerror: no command given, and there is no terminal for the interactive menus\n`)
      return EXIT.usage
    }
    const spec = findAction(...words)
    if (!spec) {
      const group = ACTIONS.filter((a) => a.name.startsWith(`${command} `))
      if (group.length === 0) throw new UsageError(`unknown command "${command}"${didYouMean(command, commandWords())} (see "${BIN} --help")`)
      if (globals.help && words.length === 1) {
        stdout.write(`${groupHelp(command, group)}\n`)
        return EXIT.ok
      }
      const subs = group.map((a) => a.name.slice(command.length + 1))
      const guess = words[1] ? didYouMean(words[1], subs, (w) => `"${command} ${w}"`) : ''
      if (guess) throw new UsageError(`unknown command "${command} ${words[1]}"${guess} (see "${BIN} ${command} --help")`)
      const sub = words[1] ? `unknown command "${command} ${words[1]}"; ` : ''
      throw new UsageError(`${sub}"${command}" takes one of: ${subs.join(', ')} (see "${BIN} ${command} --help")`)
    }
    return await runAction(spec, argv, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const code = exitCodeOf(error)
    if (json) stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error: message })}\n`)
    else stderr.write(`error: ${message}\n`)
    if (code === EXIT.failure && !(error instanceof Error && 'exitCode' in error) && process.env.DEBUG) stderr.write(`${(error as Error).stack}\n`)
    return code
  }
}
