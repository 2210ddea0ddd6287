import { createTwoFilesPatch } from 'diff'
import { PLAIN, type Paint } from '../services/colour'
import type { Plan } from './plan'
import type { FileChange } from '../services/tree'
import { HISTORY_DIR } from '../paths'

/** The tool's own undo records: listed with a change, never shown as a diff. */
const isBookkeeping = (path: string) => path.startsWith(`${HISTORY_DIR}/`)


function mark(kind: FileChange['kind'], paint: Paint): string {
  if (kind === 'create') return paint.added('+ create')
  if (kind === 'delete') return paint.removed('- delete')
  return paint.changed('~ edit  ')
}

export function formatChangeList(plan: Plan, paint: Paint = PLAIN): string {
  const lines = [plan.summary]
  if (plan.changes.length === 0) lines.push('  nothing to change')
  for (const change of plan.changes) lines.push(`  ${mark(change.kind, paint)} ${change.path}${change.generated ? ' (registry)' : ''}`)
  for (const step of plan.followUps) lines.push(paint.faint(`  > then run ${step.kind}${step.kind === 'install' ? ` with ${step.packageManager}` : ''}`))
  return lines.join('\n')
}

function paintDiffLine(line: string, paint: Paint): string {
  if (line.startsWith('+++') || line.startsWith('---')) return paint.strong(line)
  if (line.startsWith('@@')) return paint.hunk(line)
  if (line.startsWith('+')) return paint.added(line)
  if (line.startsWith('-')) return paint.removed(line)
  return line
}

export function formatChangeDiff(change: FileChange, paint: Paint = PLAIN): string {
  const from = change.before === null ? '/dev/null' : `a/${change.path}`
  const to = change.after === null ? '/dev/null' : `b/${change.path}`
  return createTwoFilesPatch(from, to, change.before ?? '', change.after ?? '', undefined, undefined, { context: 3 })
    .split('\n')
    .slice(1) // the "====" banner the diff package puts first is not part of a unified diff
    .map((line) => paintDiffLine(line, paint))
    .join('\n')
}

export function formatDiff(plan: Plan, paint: Paint = PLAIN): string {
  return plan.changes.filter((c) => !isBookkeeping(c.path)).map((c) => formatChangeDiff(c, paint)).join('')
}

export function planToJson(plan: Plan) {
  return {
    action: plan.action,
    root: plan.root,
    summary: plan.summary,
    input: plan.input,
    changes: plan.changes.map((c) => ({ path: c.path, kind: c.kind, before: c.before, after: c.after, ...(c.generated ? { generated: true } : {}) })),
    followUps: plan.followUps,
    notes: plan.notes,
    next: plan.next,
  }
}
