/** How numbers and lists are worded in the tool's messages, in one place for every layer. */

/** "1 file", "3 files": counts in output read as English. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
/** The first few of a list for one line: `a, b, c, and 4 more`. */
export const sample = (items: readonly string[], shown = 3) => items.slice(0, shown).join(', ') + (items.length > shown ? `, and ${items.length - shown} more` : '')
/**
 * A message on one line whatever values it quotes: line breaks and other control characters print
 * as escapes (`\n`), so an `error:` stays one line and a value typed with a newline reads back as typed.
 */
export const oneLine = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
