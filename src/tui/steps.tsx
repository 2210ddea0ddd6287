import { Box, Text } from 'ink'
import type { StepProgress } from '../actions/spec'
import { windowStart } from './menu'
import type { Line } from './pager'
import { palette } from './theme'

/** One item of a task's step list: done when it has an outcome. */
export interface StepRow { item: string; outcome?: string }

/** The step list after a step event: the item takes its place, and the items still to come follow it. */
export function withStep(rows: StepRow[], step: StepProgress): StepRow[] {
  const next = Array.from({ length: step.total }, (_, i) => rows[i] ?? { item: '' })
  next[step.index - 1] = { item: step.item, outcome: step.outcome }
  step.pending?.forEach((item, i) => { next[step.index + i] = { item } })
  return next
}

const itemWidth = (rows: StepRow[]) => Math.min(24, Math.max(...rows.map((r) => r.item.length)))

/** A step's mark: ✓ done, the spinner on the running one (✗ when the run failed there), · to come. */
function markOf(row: StepRow, running: boolean, spinner: string, failed: boolean): [string, string | undefined] {
  if (row.outcome !== undefined) return ['✓', palette.ok]
  if (running) return failed ? ['✗', palette.error] : [spinner, palette.accent]
  return ['·', undefined]
}

/** The finished step list as lines for a pager: every step, how it ended, where the run failed. */
export function stepLines(rows: StepRow[], failed: boolean): Line[] {
  const current = rows.findIndex((r) => r.outcome === undefined)
  const width = itemWidth(rows)
  return rows.map((row, at) => {
    const [mark, color] = markOf(row, at === current, '', failed)
    return { text: `${mark} ${row.item.padEnd(width)}${row.outcome ? `  ${row.outcome}` : ''}`.trimEnd(), color: mark === '✗' ? color : undefined, dim: mark === '·' }
  })
}

/**
 * Done items with ✓ and how they ended, the running one with the spinner, the rest still to come; in
 * at most `height` rows, scrolled so the running item stays in view, with counts for what is cut off.
 */
export function StepList({ rows, height, spinner }: { rows: StepRow[]; height: number; spinner: string }) {
  const current = rows.findIndex((r) => r.outcome === undefined)
  const clipped = rows.length > height
  const room = clipped ? Math.max(1, height - 2) : rows.length
  const start = clipped ? windowStart(current === -1 ? rows.length - 1 : current, rows.length, room) : 0
  const end = start + room
  const width = itemWidth(rows)
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text dimColor>{`  … ${start} done`}</Text> : null}
      {rows.slice(start, end).map((row, i) => {
        const at = start + i
        const [mark, color] = markOf(row, at === current, spinner, false)
        return (
          <Text key={at} wrap="truncate-end" dimColor={mark === '·'}>
            <Text color={color}>{mark}</Text>
            {` ${row.item.padEnd(width)}`}
            {row.outcome ? <Text dimColor>{`  ${row.outcome}`}</Text> : null}
          </Text>
        )
      })}
      {end < rows.length ? <Text dimColor>{`  … ${rows.length - end} more to come`}</Text> : null}
    </Box>
  )
}
