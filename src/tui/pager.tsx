import { Box, Text, useWindowSize } from 'ink'
import { useKeys, useLatest, type KeyEvent } from './keys'
import { wrapLine } from './wrap'

export interface Line { text: string; color?: string; bold?: boolean; dim?: boolean }

/**
 * A window of `height` rows over a longer text: ↑/↓, PgUp/PgDn (or space), Home/End. Lines wider
 * than the terminal wrap onto indented rows, and scrolling counts rows. With `filterable`, typing
 * keeps only the lines that contain the filter (Esc clears it first). Keys it does not use go to
 * `onKey`, with whether a filter is on.
 */
export function Pager({ lines, height, filterable = false, onKey }: {
  lines: Line[]
  height: number
  filterable?: boolean
  onKey: (event: KeyEvent, filtering: boolean) => void
}) {
  const [state, setState, latest] = useLatest({ offset: 0, filter: '' })
  const { columns } = useWindowSize()
  const shown = (filter: string) => (filter ? lines.filter((l) => l.text.toLowerCase().includes(filter.toLowerCase())) : lines)
    .flatMap((line) => wrapLine(line.text, columns).map((text) => ({ ...line, text })))
  const rows = Math.max(1, height - 1)
  const scroll = (offset: number, filter: string) => setState({ filter, offset: Math.max(0, Math.min(offset, shown(filter).length - rows)) })
  useKeys((k) => {
    const { offset, filter } = latest.current
    switch (k.name) {
      case 'up': return scroll(offset - 1, filter)
      case 'down': return scroll(offset + 1, filter)
      case 'pageup': return scroll(offset - rows, filter)
      case 'pagedown': return scroll(offset + rows, filter)
      case 'home': return scroll(0, filter)
      case 'end': return scroll(Number.MAX_SAFE_INTEGER, filter)
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
  const position = list.length > rows ? `lines ${offset + 1}-${Math.min(offset + rows, list.length)} of ${list.length}` : `${list.length} line${list.length === 1 ? '' : 's'}`
  return (
    <Box flexDirection="column" height={height}>
      {list.slice(offset, offset + rows).map((line, i) => (
        <Text key={offset + i} wrap="truncate-end" color={line.color} bold={line.bold} dimColor={line.dim}>{line.text || ' '}</Text>
      ))}
      <Box flexGrow={1} />
      <Text wrap="truncate-end" dimColor>{state.filter ? `filter: ${state.filter} · ${position} · esc clears` : `${position}${filterable ? ' · type to filter' : ''}`}</Text>
    </Box>
  )
}
