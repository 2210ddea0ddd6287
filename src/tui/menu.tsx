import { Box, Text, useInput } from 'ink'
import { useState } from 'react'

export interface MenuItem { value: string; label: string; hint?: string }

/** An arrow-key list: ↑/↓ (or k/j) to move, Enter to choose. */
export function Menu({ items, onSelect, onCancel }: { items: MenuItem[]; onSelect: (value: string) => void; onCancel?: () => void }) {
  const [index, setIndex] = useState(0)
  useInput((input, key) => {
    if (key.upArrow || input === 'k') setIndex((i) => (i - 1 + items.length) % items.length)
    else if (key.downArrow || input === 'j') setIndex((i) => (i + 1) % items.length)
    else if (key.return) onSelect(items[index]!.value)
    else if (key.escape && onCancel) onCancel()
  })
  return (
    <Box flexDirection="column">
      {items.map((item, i) => (
        <Text key={item.value} color={i === index ? 'cyan' : undefined}>
          {i === index ? '› ' : '  '}
          {item.label}
          {item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
        </Text>
      ))}
    </Box>
  )
}
