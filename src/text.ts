/** How numbers and lists are worded in the tool's messages, in one place for every layer. */

/** "1 file", "3 files": counts in output read as English. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
/** The first few of a list for one line: `a, b, c, and 4 more`. */
export const sample = (items: readonly string[], shown = 3) => items.slice(0, shown).join(', ') + (items.length > shown ? `, and ${items.length - shown} more` : '')
