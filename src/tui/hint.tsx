import { Text } from 'ink'

/** A screen's keys, on one dim row. */
export function Hint({ children }: { children: string }) {
  return <Text wrap="truncate-end" dimColor>{children}</Text>
}
