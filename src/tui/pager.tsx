import { Box, Text, useWindowSize } from 'ink'
import { useKeys, useLatest, type KeyEvent } from './keys'
import { wrapLine } from './wrap'

export interface Line { text: string; color?: string; bold?: boolean; dim?: boolean }

const width = (text: string) => [...text].length

/**
 * A window of `height` rows over a longer text: ↑/↓, PgUp/PgDn (or space), Home/End. Lines wider
 * than the terminal wrap onto indented rows, and scrolling counts rows; a `table`'s rows are cut at
 * the edge instead (a wrapped row reads as a new one) and ←/→ scroll them sideways. With `filterable`,
 * typing keeps only the lines that contain the filter (Esc clears it first). `atEnd` starts at the
 * last rows. Keys it does not use go to `onKey`, with whether a filter is on.
 */
export function Pager({ lines, height, filterable = false, table = false, atEnd = false, onKey }: {
  lines: Line[]
  height: number
  filterable?: boolean
  table?: boolean
  atEnd?: boolean
  onKey: (event: KeyEvent, filtering: boolean) => void
}) {
  const [state, setState, latest] = useLatest({ offset: atEnd ? Number.MAX_SAFE_INTEGER : 0, left: 0, filter: '' })
  const { columns } = useWindowSize()
  const shown = (filter: string) => {
    const kept = filter ? lines.filter((l) => l.text.toLowerCase().includes(filter.toLowerCase())) : lines
    return table ? kept : kept.flatMap((line) => wrapLine(line.text, columns).map((text) => ({ ...line, text })))
  }
  const rows = Math.max(1, height - 1)
  const widest = table ? Math.max(0, ...lines.map((l) => width(l.text))) : 0
  const scroll = (offset: number, filter: string, left = latest.current.left) =>
    setState({ filter, left: Math.max(0, Math.min(left, widest - columns)), offset: Math.max(0, Math.min(offset, shown(filter).length - rows)) })
  useKeys((k) => {
    const { left, filter } = latest.current
    // atEnd starts past the end: count from the last window
    const offset = Math.min(latest.current.offset, Math.max(0, shown(filter).length - rows))
    switch (k.name) {
      case 'up': return scroll(offset - 1, filter)
      case 'down': return scroll(offset + 1, filter)
      case 'pageup': return scroll(offset - rows, filter)
      case 'pagedown': return scroll(offset + rows, filter)
      case 'home': return scroll(0, filter)
      case 'end': return scroll(Number.MAX_SAFE_INTEGER, filter)
      case 'left':
      case 'right':
        if (widest > columns) return scroll(offset, filter, left + (k.name === 'right' ? 1 : -1) * Math.floor(columns / 2))
        return onKey(k, Boolean(filter))
      case 'escape':
        if (filter) return scroll(0, '')
        return onKey(k, false)
      case 'backspace':
        if (filterable && filter) return scroll(0, filter.slice(0, -1))
        return onKey(k, Boolean(filter))
      case 'text':
        if (k.text === ' ' && !filter) return scroll(offset + rows, filter)
        if (filterable) return scroll(0, filter + k.text)
        return onKey(k, Boolean(filter))
      default:
        return onKey(k, Boolean(filter))
    }
  })
  const list = shown(state.filter)
  const offset = Math.min(state.offset, Math.max(0, list.length - rows))
  const left = Math.min(state.left, Math.max(0, widest - columns))
  const position = [
    list.length > rows ? `lines ${offset + 1}-${Math.min(offset + rows, list.length)} of ${list.length}` : `${list.length} line${list.length === 1 ? '' : 's'}`,
    ...(widest > columns ? [`columns ${left + 1}-${Math.min(left + columns, widest)} of ${widest} (←/→)`] : []),
  ].join(' · ')
  return (
    <Box flexDirection="column" height={height}>
      {list.slice(offset, offset + rows).map((line, i) => (
        <Text key={offset + i} wrap="truncate-end" color={line.color} bold={line.bold} dimColor={line.dim}>{[...line.text].slice(left).join('') || ' '}</Text>
      ))}
      <Box flexGrow={1} />
      <Text wrap="truncate-end" dimColor>{state.filter ? `filter: ${state.filter} · ${position} · esc clears` : `${position}${filterable ? ' · type to filter' : ''}`}</Text>
    </Box>
  )
}
