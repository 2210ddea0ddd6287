import { Box } from 'ink'
import { Hint } from './hint'
import { Pager, type Line } from './pager'

/**
 * What an action ended with (a report, or a run's steps and result), read at leisure: a pager to
 * scroll and filter; Enter, or Esc without a filter, goes back. A run starts at its end, where its
 * result is; a table's rows are cut at the edge and scroll sideways.
 */
export function Outcome({ title, lines, height, table, atEnd, onBack }: { title: string; lines: Line[]; height: number; table?: boolean; atEnd?: boolean; onBack: () => void }) {
  return (
    <Box flexDirection="column">
      <Pager lines={lines} height={height - 1} filterable table={table} atEnd={atEnd} onKey={(k, filtering) => {
        if (k.name === 'return' || (k.name === 'escape' && !filtering)) onBack()
      }} />
      <Hint>{`${title} · ↑/↓ PgUp/PgDn scroll · type to filter · enter: back`}</Hint>
    </Box>
  )
}
