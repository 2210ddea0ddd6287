import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { requireApp } from '../app/detect'
import type { FieldInfo, PlanAction } from '../actions/spec'
import { installFailure, type PackageManager } from '../app/tool-source'
import { FailureError, UsageError } from '../errors'
import { refuseClashes } from './scaffold-clash'
import { writeRegistry } from '../generator/registry'
import { startProgress } from '../services/progress'
import { recordingTemplates } from '../engine/manifest'
import { autoEngine, runMercato } from '../generator/engine'
import type { Services } from '../services/types'
import { applyPlan, checkTargets, checkWritable, mercatoDirOf } from '../engine/apply'
import { refuseLinkedState } from '../engine/contained'
import { recover } from '../engine/journal'
import { holdsAppLock, withAppLock } from '../engine/lock'
import type { FollowUp, Plan } from '../engine/plan'
import { createTree, type Tree } from '../services/tree'
import { HISTORY_DIR, MERCATO_DIR } from '../paths'

export interface ExecuteOptions {
  cwd: string
  force?: boolean
  /** False with --no-generate: skip the registry generator after applying. */
  generate?: boolean
  /** --dry-run: the plan is only shown. */
  dryRun?: boolean
}

export const fieldLabel = (field: FieldInfo) => (field.positional ? `<${field.key}>` : `--${field.flag}`)

/**
 * Runs `work` holding the app's lock, after finishing any apply that an earlier run left
 * interrupted (one line says what was done). Every command that reads an app goes through here,
 * and holds the lock from its first read to its last write (follow-ups included), so nothing
 * can change the files between a plan and its apply. Inside a call that holds it, it only runs `work`.
 */
export async function withApp<T>(appRoot: string, command: string, services: Services, work: () => Promise<T>): Promise<T> {
  if (holdsAppLock(appRoot)) return work()
  await refuseLinkedState(services.fs, appRoot)
  const onWait = (holder: { pid: number; command: string }) => services.reporter.info(`waiting for another create-mercato-module (pid ${holder.pid}, ${holder.command}) to finish in ${appRoot}`)
  return withAppLock(services.fs, appRoot, command, async () => {
    const line = await recover(services.fs, appRoot, join(appRoot, MERCATO_DIR), () => services.clock.now())
    if (line) services.reporter.warn(line)
    return work()
  }, { onWait })
}

/**
 * The bundled generator is a pure function of the files, so it runs on the plan's own tree and its
 * outputs join the plan: previewed with it and applied in the same all-or-nothing step. A registry
 * that cannot be generated refuses the action before anything is written.
 */
async function generateInto(tree: Tree): Promise<string[]> {
  try {
    return (await writeRegistry(tree, { replaceForeign: false, remember: false })).warnings
  } catch (error) {
    if (!(error instanceof FailureError)) throw error
    throw new UsageError(`refused: after this change the registry could not be generated: ${error.message}; nothing was changed (fix that first)`, { text: 'make the change and leave the registry as it is', set: { generate: false } })
  }
}

/** Turns valid input into a plan without touching the disk. */
export async function planAction(spec: PlanAction, input: Record<string, unknown>, services: Services, options: ExecuteOptions): Promise<Plan> {
  const cwd = resolve(options.cwd)
  const app = spec.needsApp ? await requireApp(cwd, services.fs) : null
  const root = app?.root ?? spec.root?.(input as z.infer<typeof spec.input>, cwd) ?? cwd
  const tree = createTree(root, services.fs)
  const { templates, used } = recordingTemplates(services.templates)
  const outcome = await spec.plan(input as z.infer<typeof spec.input>, { tree, app, templates, force: Boolean(options.force), cwd, dryRun: Boolean(options.dryRun) }).catch(async (error: unknown) => {
    // a scaffold kept from an existing file is the first cause of whatever failed after it
    await refuseClashes(tree, spec.name)
    throw error
  })
  await refuseClashes(tree, spec.name)
  const own = new Set(tree.changes().map((c) => c.path))
  const followUps: FollowUp[] = []
  const notes = outcome.notes ?? []
  if (spec.generates && own.size > 0 && options.generate !== false) {
    const { engine, note } = autoEngine(root)
    if (engine === 'mercato') followUps.push({ kind: 'generate' })
    else notes.push(...(note ? [note] : []), ...(await generateInto(tree)))
  }
  // the action's own changes first, then the registry files generated from them
  const all = tree.changes()
  const changes = [...all.filter((c) => own.has(c.path)), ...all.filter((c) => !own.has(c.path)).map((c) => ({ ...c, generated: true }))]
  const historyDir = outcome.historyDir === null ? undefined : outcome.historyDir ?? join(root, HISTORY_DIR)
  const plan: Plan = {
    action: spec.name,
    root: outcome.root ?? root,
    historyDir,
    summary: outcome.summary,
    changes,
    followUps: [...followUps, ...(changes.length > 0 ? outcome.followUps ?? [] : [])],
    notes,
    next: outcome.next ?? [],
    input,
    templates: used,
    ...(outcome.rebased ? { rebased: outcome.rebased } : {}),
  }
  await checkTargets(plan, services.fs)
  return plan
}

export interface FollowUpResult { kind: string; summary: string; notes: string[]; output?: string; files?: string[] }
export interface ApplyResult { manifestPath?: string; followUps: FollowUpResult[] }

async function runInstall(root: string, pm: PackageManager, services: Services): Promise<FollowUpResult> {
  const progress = startProgress(services.reporter, `installing dependencies with ${pm}`)
  const args = pm === 'npm' ? ['install', '--no-audit', '--no-fund'] : ['install']
  const result = await services.runner.run(pm, args, { cwd: root, onLine: (line) => progress.update(line) }).finally(() => progress.done())
  if (result.exitCode !== 0) {
    throw new FailureError(`${pm} install failed in ${root}: ${installFailure(result, `is ${pm} installed?`)}; the app's files are written, so fix that and run "${pm} install" there`)
  }
  return { kind: 'install', summary: `installed dependencies with ${pm}`, notes: [] }
}

/** Refuses, before anything is written, a plan that leaves the app, hits a wrong-type target or a read-only one. */
export async function checkPlan(plan: Plan, services: Services): Promise<void> {
  await checkTargets(plan, services.fs)
  await checkWritable(plan, services.fs)
}

async function applyAndFollowUp(plan: Plan, services: Services): Promise<ApplyResult> {
  await checkPlan(plan, services)
  const { manifestPath } = await applyPlan(plan, services)
  const followUps: FollowUpResult[] = []
  for (const step of plan.followUps) {
    if (step.kind !== 'generate') {
      followUps.push(await runInstall(plan.root, step.packageManager, services))
      continue
    }
    try {
      followUps.push({ kind: 'generate', summary: 'mercato generate: done', notes: [], output: await runMercato(plan.root, services.runner, ['generate'], (line) => services.reporter.info(line)) })
    } catch (error) {
      const applied = plan.changes.map((c) => c.path).join(', ')
      // scaffolds have no --engine, so the way round a broken CLI is words: another command
      throw new FailureError(`applied: ${applied}; the registry was not regenerated: ${(error as Error).message}; fix it and run generate`, { text: 'regenerate with: generate --engine bundled' })
    }
  }
  return { manifestPath, followUps }
}

/**
 * Applies the plan all-or-nothing under the app's lock, then runs its follow-up steps (Open
 * Mercato's own generator, a child process outside the transaction). A follow-up that fails after
 * the apply says what was applied, so exit 1 never hides a change.
 */
export async function applyAction(plan: Plan, services: Services): Promise<ApplyResult> {
  const appRoot = dirname(mercatoDirOf(plan))
  // a new app's folder does not exist yet: there is nothing to lock or recover
  if (!(await services.fs.isDirectory(appRoot))) return applyAndFollowUp(plan, services)
  return withApp(appRoot, plan.action, services, () => applyAndFollowUp(plan, services))
}
