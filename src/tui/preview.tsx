import { Box, Text } from 'ink'
import type { TaskAction, TaskPreview } from '../actions/spec'
import type { Plan } from '../engine/plan'
import { formatChangeDiff, formatChangeList } from '../engine/show'
import { Pager, type Line } from './pager'
import { palette } from './theme'

function diffLine(text: string): Line {
  if (text.startsWith('+++') || text.startsWith('---')) return { text, bold: true }
  if (text.startsWith('+')) return { text, color: palette.ok }
  if (text.startsWith('-')) return { text, color: palette.error }
  if (text.startsWith('@@')) return { text, color: palette.accent }
  return { text }
}

/** The plan as lines: the file list, its notes, then every diff. */
export function planLines(plan: Plan): Line[] {
  return [
    ...formatChangeList(plan).split('\n').map((text, i) => ({ text, bold: i === 0 })),
    ...plan.notes.map((n) => ({ text: `note: ${n}`, color: palette.warn })),
    { text: '' },
    // the regenerated registry is listed, not diffed: its diff would push the user's change off screen
    ...plan.changes.filter((c) => !c.generated).flatMap((c) => formatChangeDiff(c).trimEnd().split('\n').map(diffLine)),
  ]
}

/** The plan before it is applied, scrollable; y/Enter applies, n/Esc goes back. Read-only under --dry-run. */
export function Preview({ plan, height, dryRun, onConfirm, onCancel }: { plan: Plan; height: number; dryRun: boolean; onConfirm: () => void; onCancel: () => void }) {
  const empty = plan.changes.length === 0
  const canApply = !empty && !dryRun
  return (
    <Box flexDirection="column">
      <Pager
        lines={planLines(plan)}
        height={height - 1}
        onKey={(k) => {
          if (canApply && (k.name === 'return' || (k.name === 'text' && k.text === 'y'))) onConfirm()
          else if (k.name === 'escape' || (k.name === 'text' && k.text === 'n') || (!canApply && k.name === 'return')) onCancel()
        }}
      />
      <Text wrap="truncate-end" dimColor>{canApply ? '↑/↓ scroll · y/enter apply · n/esc back' : `${dryRun && !empty ? 'dry run: nothing is written · ' : ''}enter or esc: back`}</Text>
    </Box>
  )
}

/** What a task would do (the SQL of each migration, what is dropped), before it runs. */
export function TaskPreviewScreen({ spec, preview, height, dryRun, onConfirm, onCancel }: { spec: TaskAction; preview: TaskPreview; height: number; dryRun: boolean; onConfirm: () => void; onCancel: () => void }) {
  const canRun = !preview.nothingToDo && !dryRun
  const lines: Line[] = [
    { text: `${spec.name}: ${preview.summary}`, bold: true },
    ...preview.sections.flatMap((s) => [{ text: '' }, { text: s.title, bold: true }, ...s.body.trimEnd().split('\n').map((text) => ({ text, color: s.language === 'sql' ? palette.accent : undefined }))]),
  ]
  return (
    <Box flexDirection="column">
      <Pager
        lines={lines}
        height={height - 1}
        onKey={(k) => {
          if (canRun && (k.name === 'return' || (k.name === 'text' && k.text === 'y'))) onConfirm()
          else if (k.name === 'escape' || (k.name === 'text' && k.text === 'n') || (!canRun && k.name === 'return')) onCancel()
        }}
      />
      <Text wrap="truncate-end" dimColor>{canRun ? '↑/↓ scroll · y/enter run · n/esc back' : `${preview.nothingToDo ? 'nothing to do · ' : 'dry run · '}enter or esc: back`}</Text>
    </Box>
  )
}
