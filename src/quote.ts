/**
 * The one way a value becomes TypeScript source: the registry generator, the scaffold templates
 * (`{{ts value}}`) and the source edits all quote through here, so a title with a newline, a quote,
 * a backslash or a line separator reads back as the same text in every file the tool writes.
 */

/** A name usable bare as an identifier or an object key; anything else is quoted. */
export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export const isIdentifier = (name: string): boolean => IDENTIFIER.test(name)

export type Quote = "'" | '"'

// control characters, and U+2028/U+2029 that end a line in older parsers, as escapes
const SPECIAL: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\x00', '\u2028': '\\u2028', '\u2029': '\\u2029' }

/** A string literal in `quote` (single by default, the way Open Mercato sources write them). */
export function tsString(value: string, quote: Quote = "'"): string {
  let out = ''
  for (const ch of value) {
    if (ch === quote) out += `\\${quote}`
    else if (SPECIAL[ch] !== undefined) out += SPECIAL[ch]
    else if (ch < ' ' || ch === '\u007f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`
    // a lone surrogate (from bytes that were not UTF-8) written raw would not survive a UTF-8 file
    else if (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff') out += `\\u${ch.charCodeAt(0).toString(16)}`
    else out += ch
  }
  return `${quote}${out}${quote}`
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export const tsKey = (key: string, quote: Quote = "'"): string => (isIdentifier(key) ? key : tsString(key, quote))

/**
 * Any plain value as TypeScript source: strings single-quoted, arrays and objects on one line
 * (`['a', 'b']`, `{ id: 'x', n: 1 }`), undefined as `undefined`. With `dropUndefined`, undefined
 * items of arrays are left out too (object fields always are).
 */
export function tsLiteral(value: unknown, options: { dropUndefined?: boolean } = {}): string {
  if (typeof value === 'string') return tsString(value)
  if (value === undefined) return 'undefined'
  if (value === null || typeof value === 'boolean') return String(value)
  // NaN and ±Infinity print as the globals of those names, so every number has a literal
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (Array.isArray(value)) return `[${(options.dropUndefined ? value.filter((v) => v !== undefined) : value).map((v) => tsLiteral(v, options)).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    return `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v, options)}`).join(', ')} }`
  }
  throw new TypeError(`no TypeScript literal for a ${typeof value}`)
}
