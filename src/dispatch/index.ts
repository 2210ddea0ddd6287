/**
 * The one dispatcher: every face (CLI, TUI, MCP) runs every action through `dispatch`.
 *
 *   const outcome = await dispatch(spec, raw, { services, cwd }, face)
 *
 * It validates the raw input against the action's schema, finds the app, picks the kind of work the
 * inputs ask for (`spec.select`), and then:
 *   - plan:   makes the plan; unless --dry-run or nothing changes, asks `face.confirmPlan`, applies it;
 *   - report: returns the report (read-only, nothing to confirm);
 *   - task:   computes its preview when the face shows previews (or for --dry-run), asks
 *             `face.confirmTask`, then `face.confirmTyped` for a destructive one, and runs it, with its
 *             progress going to `face.progress` and `options.signal` cancelling it (an InterruptedError
 *             saying "cancelled: …" and what state the work left).
 * The face renders the returned Outcome. Errors are thrown (UsageError = 2, FailureError = 1).
 */
import { requireApp } from '../app/detect'
import { capabilitiesOf, type ActionSpec, type PlanAction, type ProgressEvent, type Report, type TaskAction, type TaskPreview } from '../actions/spec'
import { applyAction, planAction, withApp, type ApplyResult } from './execute'
import { validateInput } from './problems'
import type { Plan } from '../engine/plan'
import { createTree } from '../services/tree'
import { InterruptedError, UsageError } from '../errors'
import type { Reporter, Services } from '../services/types'

export type { ProgressEvent, Report, TaskPreview }

/** The callbacks a face supplies: its way of asking the user and of showing running work. */
export interface Face {
  /** Whether tasks are previewed before they run (the TUI: yes; the CLI: only for --dry-run). */
  readonly previews: boolean
  /** A plan that changes something, before it is applied; false writes nothing. */
  confirmPlan(plan: Plan): Promise<boolean>
  /** A task about to run, with its preview when it has one; false runs nothing. */
  confirmTask(spec: TaskAction, preview: TaskPreview | null): Promise<boolean>
  /** A destructive task: the user types `word` (a face that cannot ask throws a UsageError naming --yes). */
  confirmTyped(confirm: { word: string; warning: string }): Promise<boolean>
  /** Progress of running work, as it happens. */
  progress(event: ProgressEvent): void
}

export interface DispatchOptions {
  services: Services
  cwd: string
  /** --dry-run: plans and task previews only; nothing is written or run. */
  dryRun?: boolean
  /** --yes: the user confirmed up front; no face confirmation is asked. */
  yes?: boolean
  force?: boolean
  /** False with --no-generate. */
  generate?: boolean
  /** Cancels running work (Ctrl+C). */
  signal?: AbortSignal
}

export type Outcome =
  | { kind: 'plan'; plan: Plan; result: ApplyResult | null; cancelled: boolean }
  | { kind: 'report'; report: Report }
  | { kind: 'task'; spec: TaskAction; preview: TaskPreview | null; result: Report | null; cancelled: boolean }

/** The process exit code an outcome stands for (a cancellation changed nothing: 0). */
export function outcomeExitCode(outcome: Outcome): number {
  if (outcome.kind === 'report') return outcome.report.exitCode ?? 0
  if (outcome.kind === 'task') return outcome.result?.exitCode ?? 0
  return 0
}

/** A reporter that turns a task's lines into progress events, so helpers written against Reporter work in any face. */
function progressReporter(progress: (event: ProgressEvent) => void): Reporter {
  return {
    out: (text) => progress({ level: 'out', text }),
    info: (text) => progress({ level: 'info', text }),
    warn: (text) => progress({ level: 'warn', text }),
    error: (text) => progress({ level: 'error', text }),
  }
}

/** The kind of work these inputs ask for: `generate --watch` is a task, `doctor --fix` a plan. */
export async function selectWork(spec: ActionSpec, input: Record<string, unknown>, options: { cwd: string; services: Services }) {
  const app = spec.needsApp ? await requireApp(options.cwd, options.services.fs) : null
  const work = spec.select ? await spec.select(input, { app, services: options.services }) : spec
  return { app, work }
}

/**
 * Work on an app runs under its lock, after any interrupted apply was finished (engine/execute
 * withApp), held from the first read to the last write: a plan is made, confirmed and applied
 * (follow-ups included) under one lock, so a parallel run waits and then plans from what this one
 * left. The apply still re-reads every file it replaces, so an edit saved by another program while
 * the user looked at the preview is never lost.
 */
const locked = <T>(app: { root: string } | null, command: string, services: Services, work: () => Promise<T>) =>
  app ? withApp(app.root, command, services, work) : work()

/** Ctrl+C while the plan or preview was made: the work it would start never begins. */
function stopIfInterrupted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new InterruptedError()
}

async function runPlan(spec: PlanAction, input: Record<string, unknown>, app: { root: string } | null, options: DispatchOptions, face: Face): Promise<Outcome> {
  return locked(app, spec.name, options.services, async (): Promise<Outcome> => {
    const plan = await planAction(spec, input, options.services, { cwd: options.cwd, force: options.force, generate: options.generate, dryRun: options.dryRun })
    if (options.dryRun || plan.changes.length === 0) return { kind: 'plan', plan, result: null, cancelled: false }
    if (!options.yes && !(await face.confirmPlan(plan))) return { kind: 'plan', plan, result: null, cancelled: true }
    stopIfInterrupted(options.signal)
    return { kind: 'plan', plan, result: await applyAction(plan, options.services), cancelled: false }
  })
}

async function runTask(spec: TaskAction, input: Record<string, unknown>, app: Awaited<ReturnType<typeof selectWork>>['app'], options: DispatchOptions, face: Face): Promise<Outcome> {
  const { services } = options
  const signal = options.signal ?? new AbortController().signal
  const ctx = {
    services: {
      fs: services.fs,
      templates: services.templates,
      // every child a task starts (MikroORM's CLI, mercato) is killed when the work is cancelled;
      // a migration's transaction dies with it, so nothing is left half applied
      runner: { run: (file: string, args: string[], o: Parameters<Services['runner']['run']>[2]) => services.runner.run(file, args, { ...o, signal: o.signal ?? signal }) },
      prompter: services.prompter,
      clock: services.clock,
      reporter: progressReporter(face.progress),
    },
    app,
    cwd: options.cwd,
    signal,
    progress: face.progress,
  }
  const wantsPreview = options.dryRun || (face.previews && !options.yes)
  const run = async (): Promise<Outcome> => {
    const preview = wantsPreview && spec.preview ? await spec.preview(input, ctx) : null
    if (options.dryRun) {
      if (!preview) throw new UsageError(`--dry-run is not available for ${spec.name}: it has no preview; run it without --dry-run`)
      return { kind: 'task', spec, preview, result: null, cancelled: false }
    }
    const cancelled: Outcome = { kind: 'task', spec, preview, result: null, cancelled: true }
    if (!options.yes) {
      if (!(await face.confirmTask(spec, preview))) return cancelled
      if (spec.confirm && !(await face.confirmTyped(spec.confirm))) return cancelled
    }
    stopIfInterrupted(signal)
    const confirmed = Boolean(options.yes) || (face.previews && preview !== null)
    try {
      return { kind: 'task', spec, preview, result: await spec.run(input, { ...ctx, confirmed }), cancelled: false }
    } catch (error) {
      // a task that stops at its own step boundaries says what it left; a child killed by the cancel fails on its own
      if (!signal.aborted || error instanceof InterruptedError) throw error
      throw new InterruptedError(`cancelled: ${spec.name} was stopped (${error instanceof Error ? error.message : String(error)})`)
    }
  }
  // one lock from the preview to the last step; work that runs until stopped (a watcher) takes it for each step instead
  return capabilitiesOf(spec).longRunning(input) ? run() : locked(app, spec.name, services, run)
}

/** Runs one action for a face: validate, find the app, plan/report/task, confirm, apply. */
export async function dispatch(spec: ActionSpec, raw: Record<string, unknown>, options: DispatchOptions, face: Face): Promise<Outcome> {
  const input = validateInput(spec, raw)
  const { app, work } = await selectWork(spec, input, options)
  switch (work.kind) {
    case 'plan':
      return runPlan(work, input, app, options, face)
    case 'report': {
      const tree = createTree(app?.root ?? options.cwd, options.services.fs)
      return { kind: 'report', report: await locked(app, work.name, options.services, () => work.report(input, { tree, app, cwd: options.cwd, services: options.services })) }
    }
    case 'task':
      return runTask(work, input, app, options, face)
  }
}
