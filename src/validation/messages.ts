import type { z } from 'zod'

type Issue = z.core.$ZodRawIssue

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value))

/**
 * zod's own messages ("Invalid input: expected number, received NaN") rewritten into the tool's
 * one-line style; `raw` is the input as typed, so a coerced value is quoted as the user wrote it.
 * Used as the per-parse error map, so a message a schema sets itself still wins.
 */
export const issueMessages = (raw: Record<string, unknown>) => (issue: Issue): string | undefined => {
  const { code } = issue
  const i = issue as unknown as Record<string, unknown>
  const typed = issue.path?.length === 1 ? raw[String(issue.path[0])] : undefined
  const input = code === 'invalid_type' && typeof typed === 'string' ? typed : issue.input
  switch (code) {
    case 'invalid_type':
      if (i.expected === 'int') return `${shown(input)} is not a whole number`
      if (i.expected === 'number') return `${shown(input)} is not a number`
      if (i.expected === 'boolean') return 'is a switch and takes no value'
      if (i.expected === 'array') return 'expects a comma-separated list'
      return `expects a ${String(i.expected)}`
    case 'invalid_value':
      return `${shown(input)} is not one of ${(i.values as unknown[]).map(String).join(', ')}`
    case 'too_small':
      if (i.origin === 'string') return `must have at least ${i.minimum} character${i.minimum === 1 ? '' : 's'}`
      if (i.origin === 'array') return `give at least ${i.minimum}`
      return `must be at least ${i.minimum}`
    case 'too_big':
      if (i.origin === 'string') return `must have at most ${i.maximum} characters`
      if (i.origin === 'array') return `give at most ${i.maximum}`
      return `must be at most ${i.maximum}`
    case 'invalid_format':
      return `${shown(input)} is not a valid ${String(i.format)}`
    default:
      return undefined
  }
}

/** What a message may draw an example from: the field's schema (its `examples` meta) and its choices. */
export interface ExampleSource { schema?: z.ZodType; choices?: string[]; defaultValue?: unknown }

/** A word of a command line, unquoted: `"Sales orders"` is `Sales orders`. */
const unquoted = (word: string) => (/^(["']).*\1$/.test(word) ? word.slice(1, -1) : word)

/** A value as typed after a flag, quoted when the shell would split it or read it as more than a word. */
export const shellWord = (value: string) => (/^[\w@./:,=+-]+$/.test(value) ? value : JSON.stringify(value))

/**
 * A value for a field to show with an error: as the action's own examples give `--flag`, else the
 * field's `examples` meta, else a choice other than the default. Undefined when there is none: a
 * message shows a real value or no example, never a placeholder.
 */
export function exampleValue(examples: readonly string[], flag: string, field?: ExampleSource): unknown {
  for (const example of examples) {
    const match = new RegExp(`(?:^|\\s)--${flag}[ =]((?:"[^"]*"|'[^']*'|\\S+))`).exec(example)
    if (match) return unquoted(match[1]!)
  }
  return (field?.schema?.meta() as { examples?: unknown[] } | undefined)?.examples?.[0]
    ?? field?.choices?.find((c) => c !== field.defaultValue)
}

/** `--order 20`: a flag with a value that works there (exampleValue), or undefined. */
export function exampleFor(examples: readonly string[], flag: string, field?: ExampleSource): string | undefined {
  const value = exampleValue(examples, flag, field)
  return value === undefined ? undefined : `--${flag} ${shellWord(String(value))}`
}

/** `(e.g. --order 20)` for a message, or nothing. */
export const eg = (example: string | undefined) => (example ? ` (e.g. ${example})` : '')
