import { join, resolve } from 'node:path'
import type { z } from 'zod'
import { requireApp } from '../app/detect'
import { fieldsOf, type ActionSpec, type FieldInfo, type PlanAction } from '../actions/spec'
import type { PackageManager } from '../app/tool-source'
import { FailureError, UsageError } from '../errors'
import { startProgress } from '../services/progress'
import { exampleFor, issueMessages } from '../validation/messages'
import { didYouMean } from '../validation/suggest'
import { resolveEngine, runMercato } from '../generator/engine'
import type { Services } from '../services/types'
import { applyPlan, checkWritable } from './apply'
import { count } from './show'
import type { Plan } from './plan'
import { regenerate } from './regenerate'
import { createTree } from './tree'

export interface ExecuteOptions {
  cwd: string
  force?: boolean
  /** False with --no-generate: skip the registry generator after applying. */
  generate?: boolean
}

export const fieldLabel = (field: FieldInfo) => (field.positional ? `<${field.key}>` : `--${field.flag}`)

/** Validates raw values (from flags or a form) against the action's schema; one clear line on failure. */
export function validateInput(spec: ActionSpec, raw: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldsOf(spec)
  for (const field of fields) {
    if (field.required && (raw[field.key] === undefined || raw[field.key] === '')) {
      const how = field.positional ? 'give it as an argument' : `pass ${fieldLabel(field)} <value>`
      throw new UsageError(`missing ${fieldLabel(field)}: ${field.description} (${how})`)
    }
  }
  const result = spec.input.safeParse(raw, { error: issueMessages(raw), reportInput: true })
  if (!result.success) {
    const issue = result.error.issues[0]!
    const field = fields.find((f) => f.key === issue.path[0])
    if (!field) throw new UsageError(`invalid ${spec.name} input: ${issue.message}`)
    const given = issue.code === 'invalid_value' ? (issue as { input?: unknown }).input : undefined
    const guess = typeof given === 'string' ? didYouMean(given, (issue as { values?: unknown[] }).values?.map(String) ?? []) : ''
    const example = field.positional ? undefined : exampleFor(spec.examples, field.flag)
    throw new UsageError(`invalid ${fieldLabel(field)}: ${issue.message}${guess}${example && !guess ? ` (e.g. ${example})` : ''}`)
  }
  return result.data as Record<string, unknown>
}

/** Turns valid input into a plan without touching the disk. */
export async function planAction(spec: PlanAction, input: Record<string, unknown>, services: Services, options: ExecuteOptions): Promise<Plan> {
  const cwd = resolve(options.cwd)
  const app = spec.needsApp ? await requireApp(cwd, services.fs) : null
  const root = app?.root ?? spec.root?.(input as z.infer<typeof spec.input>, cwd) ?? cwd
  const tree = createTree(root, services.fs)
  const outcome = await spec.plan(input as z.infer<typeof spec.input>, { tree, app, templates: services.templates, force: Boolean(options.force), cwd })
  const changes = tree.changes()
  const historyDir = outcome.historyDir === null ? undefined : outcome.historyDir ?? join(root, '.mercato', 'history')
  return {
    action: spec.name,
    root: outcome.root ?? root,
    historyDir,
    summary: outcome.summary,
    changes,
    followUps: [
      ...(spec.generates && changes.length > 0 && options.generate !== false ? [{ kind: 'generate' as const }] : []),
      ...(changes.length > 0 ? outcome.followUps ?? [] : []),
    ],
    notes: outcome.notes ?? [],
    next: outcome.next ?? [],
    input,
  }
}

export interface FollowUpResult { kind: string; summary: string; notes: string[]; output?: string; files?: string[] }
export interface ApplyResult { manifestPath?: string; followUps: FollowUpResult[] }

async function runGenerate(appRoot: string, services: Services): Promise<FollowUpResult> {
  if ((await resolveEngine(appRoot, services.fs, 'auto')) === 'mercato') {
    return { kind: 'generate', summary: 'mercato generate: done', notes: [], output: await runMercato(appRoot, services.runner, ['generate'], (line) => services.reporter.info(line)) }
  }
  const plan = await regenerate(services, appRoot)
  return {
    kind: 'generate',
    summary: plan.changes.length === 0 ? 'generate: registry up to date' : `generate: wrote ${count(plan.changes.length, 'file')}`,
    files: plan.changes.map((c) => c.path),
    notes: plan.notes,
  }
}

async function runInstall(root: string, pm: PackageManager, services: Services): Promise<FollowUpResult> {
  const progress = startProgress(services.reporter, `installing dependencies with ${pm}`)
  const args = pm === 'npm' ? ['install', '--no-audit', '--no-fund'] : ['install']
  const result = await services.runner.run(pm, args, { cwd: root, onLine: (line) => progress.update(line) }).finally(() => progress.done())
  if (result.exitCode !== 0) {
    const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean)
    const why = lines.find((l) => /\berr/i.test(l)) ?? lines.at(-1) ?? `is ${pm} installed?`
    throw new FailureError(`${pm} install failed in ${root}: ${why}; the app's files are written, so fix that and run "${pm} install" there`)
  }
  return { kind: 'install', summary: `installed dependencies with ${pm}`, notes: [] }
}

/** Applies the plan all-or-nothing, then runs its follow-up steps. */
export async function applyAction(plan: Plan, services: Services): Promise<ApplyResult> {
  await checkWritable(plan, services.fs)
  const { manifestPath } = await applyPlan(plan, services)
  const followUps: FollowUpResult[] = []
  for (const step of plan.followUps) {
    if (step.kind === 'generate') followUps.push(await runGenerate(plan.root, services))
    else followUps.push(await runInstall(plan.root, step.packageManager, services))
  }
  return { manifestPath, followUps }
}
