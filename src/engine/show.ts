import { createTwoFilesPatch } from 'diff'
import type { FileChange, Plan } from './plan'

const MARK = { create: '+ create', edit: '~ edit  ', delete: '- delete' } as const

export function formatChangeList(plan: Plan): string {
  const lines = [plan.summary]
  if (plan.changes.length === 0) lines.push('  nothing to change')
  for (const change of plan.changes) lines.push(`  ${MARK[change.kind]} ${change.path}`)
  for (const step of plan.followUps) lines.push(`  > then run ${step.kind}${step.kind === 'install' ? ` with ${step.packageManager}` : ''}`)
  return lines.join('\n')
}

export function formatChangeDiff(change: FileChange): string {
  const from = change.before === null ? '/dev/null' : `a/${change.path}`
  const to = change.after === null ? '/dev/null' : `b/${change.path}`
  return createTwoFilesPatch(from, to, change.before ?? '', change.after ?? '', undefined, undefined, { context: 3 })
    .split('\n')
    .slice(1) // the "====" banner the diff package puts first is not part of a unified diff
    .join('\n')
}

export function formatDiff(plan: Plan): string {
  return plan.changes.map(formatChangeDiff).join('')
}

export function planToJson(plan: Plan) {
  return {
    action: plan.action,
    root: plan.root,
    summary: plan.summary,
    input: plan.input,
    changes: plan.changes.map((c) => ({ path: c.path, kind: c.kind, before: c.before, after: c.after })),
    followUps: plan.followUps,
    notes: plan.notes,
  }
}
