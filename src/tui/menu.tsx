import { Box, Text } from 'ink'
import { useKeys, useLatest } from './keys'
import { palette } from './theme'

export interface MenuItem { value: string; label: string; hint?: string }

/** The first row to show so that `index` stays visible in a window of `height` rows, centred when it can be. */
export function windowStart(index: number, count: number, height: number): number {
  if (count <= height) return 0
  return Math.min(Math.max(0, index - Math.floor(height / 2)), count - height)
}

const matches = (item: MenuItem, filter: string) => item.label.toLowerCase().includes(filter.toLowerCase())

/**
 * A list that scrolls to keep the selection visible: ↑/↓ (or k/j), PgUp/PgDn, Home/End, Enter chooses.
 * With `filterable`, typing narrows the list (Backspace widens it, Esc clears it); otherwise `q` is `onQuit`.
 */
export function Menu({ items, height, initial, filterable = false, onSelect, onCancel, onQuit, onMove }: {
  items: MenuItem[]
  height: number
  /** The value selected at first (the last action run). */
  initial?: string
  filterable?: boolean
  onSelect: (value: string) => void
  onCancel?: () => void
  onQuit?: () => void
  /** The selected item whenever it changes, for a hint shown outside the list. */
  onMove?: (item: MenuItem | undefined) => void
}) {
  const [state, setState, latest] = useLatest(() => ({ index: Math.max(0, items.findIndex((i) => i.value === initial)), filter: '' }))
  const shown = (filter: string) => items.filter((i) => matches(i, filter))
  const move = (index: number, filter: string) => {
    const list = shown(filter)
    const at = list.length === 0 ? 0 : Math.min(Math.max(0, index), list.length - 1)
    setState({ index: at, filter })
    onMove?.(list[at])
  }
  useKeys((k) => {
    const { index, filter } = latest.current
    const count = shown(filter).length
    switch (k.name) {
      case 'up': return move(count === 0 ? 0 : (index - 1 + count) % count, filter)
      case 'down': return move(count === 0 ? 0 : (index + 1) % count, filter)
      case 'pageup': return move(index - height, filter)
      case 'pagedown': return move(index + height, filter)
      case 'home': return move(0, filter)
      case 'end': return move(count - 1, filter)
      case 'return': {
        const item = shown(filter)[index]
        if (item) onSelect(item.value)
        return
      }
      case 'escape':
        if (filter) return move(0, '')
        return onCancel?.()
      case 'backspace':
        if (filterable) move(0, filter.slice(0, -1))
        return
      case 'ctrl-u':
        if (filterable) move(0, '')
        return
      case 'text':
        if (filterable) return move(0, filter + k.text)
        if (k.text === 'k') return move((index - 1 + count) % count, filter)
        if (k.text === 'j') return move((index + 1) % count, filter)
        if (k.text === 'q') onQuit?.()
        return
      default:
    }
  })
  const list = shown(state.filter)
  const labelWidth = Math.max(0, ...items.map((i) => i.label.length))
  const rows = Math.max(1, height - (filterable ? 1 : 0))
  const start = windowStart(state.index, list.length, rows)
  return (
    <Box flexDirection="column">
      {filterable ? <Text wrap="truncate-end" dimColor={!state.filter}>{state.filter ? `filter: ${state.filter}` : 'type to filter'}{list.length < items.length ? ` (${list.length}/${items.length})` : ''}</Text> : null}
      {list.length === 0 ? <Text color={palette.warn}>no match</Text> : null}
      {list.slice(start, start + rows).map((item, i) => {
        const selected = start + i === state.index
        return (
          <Text key={item.value} wrap="truncate-end" color={selected ? palette.accent : undefined} bold={selected}>
            {selected ? '› ' : '  '}
            {item.hint ? item.label.padEnd(labelWidth) : item.label}
            {item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
          </Text>
        )
      })}
    </Box>
  )
}
