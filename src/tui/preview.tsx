import { Box, Text, useInput, useWindowSize } from 'ink'
import { useMemo, useState } from 'react'
import type { TaskAction, TaskPreview } from '../actions/spec'
import type { Plan } from '../engine/plan'
import { formatChangeDiff, formatChangeList } from '../engine/show'

function colorOf(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'white'
  if (line.startsWith('+')) return 'green'
  if (line.startsWith('-')) return 'red'
  if (line.startsWith('@@')) return 'cyan'
  return undefined
}

/** The plan before it is applied: the file list, then every diff, scrollable with ↑/↓. */
export function Preview({ plan, onConfirm, onCancel }: { plan: Plan; onConfirm: () => void; onCancel: () => void }) {
  const { rows } = useWindowSize()
  const lines = useMemo(() => plan.changes.flatMap((c) => formatChangeDiff(c).trimEnd().split('\n')), [plan])
  const height = Math.max(5, rows - plan.changes.length - 8)
  const [offset, setOffset] = useState(0)
  const empty = plan.changes.length === 0
  useInput((input, key) => {
    if (key.downArrow) setOffset((o) => Math.min(o + 1, Math.max(0, lines.length - height)))
    else if (key.upArrow) setOffset((o) => Math.max(0, o - 1))
    else if (key.pageDown || input === ' ') setOffset((o) => Math.min(o + height, Math.max(0, lines.length - height)))
    else if (key.pageUp) setOffset((o) => Math.max(0, o - height))
    else if (!empty && (input === 'y' || key.return)) onConfirm()
    else if (input === 'n' || key.escape || (empty && key.return)) onCancel()
  })
  return (
    <Box flexDirection="column">
      <Text>{formatChangeList(plan)}</Text>
      {plan.notes.map((n) => <Text key={n} color="yellow">{`note: ${n}`}</Text>)}
      <Box flexDirection="column" marginTop={1}>
        {lines.slice(offset, offset + height).map((line, i) => <Text key={offset + i} color={colorOf(line)}>{line || ' '}</Text>)}
      </Box>
      <Text dimColor>
        {empty ? 'enter or esc: back' : `↑/↓ scroll (${Math.min(offset + height, lines.length)}/${lines.length} lines) · y/enter apply · n/esc back`}
      </Text>
    </Box>
  )
}

/** What a task would do (the SQL of each migration, what is dropped), before it runs. */
export function TaskPreviewScreen({ spec, preview, onConfirm, onCancel }: { spec: TaskAction; preview: TaskPreview; onConfirm: () => void; onCancel: () => void }) {
  const { rows } = useWindowSize()
  const lines = useMemo(() => preview.sections.flatMap((s) => [`-- ${s.title}`, ...s.body.trimEnd().split('\n')]), [preview])
  const height = Math.max(5, rows - 6)
  const [offset, setOffset] = useState(0)
  useInput((input, key) => {
    if (key.downArrow) setOffset((o) => Math.min(o + 1, Math.max(0, lines.length - height)))
    else if (key.upArrow) setOffset((o) => Math.max(0, o - 1))
    else if (!preview.nothingToDo && (input === 'y' || key.return)) onConfirm()
    else if (input === 'n' || key.escape || (preview.nothingToDo && key.return)) onCancel()
  })
  return (
    <Box flexDirection="column">
      <Text bold>{`${spec.name}: ${preview.summary}`}</Text>
      <Box flexDirection="column" marginTop={1}>
        {lines.slice(offset, offset + height).map((line, i) => <Text key={offset + i} color={line.startsWith('-- ') ? 'cyan' : undefined}>{line || ' '}</Text>)}
      </Box>
      <Text dimColor>{preview.nothingToDo ? 'nothing to do · enter or esc: back' : '↑/↓ scroll · y/enter run · n/esc back'}</Text>
    </Box>
  )
}
