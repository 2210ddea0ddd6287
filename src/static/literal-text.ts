import type { Resolved } from './value'

/**
 * A fast path for the common case of `export const metadata = { …plain literals… }`: read the object
 * without building an AST. Anything beyond plain literals (an identifier, a spread, a call, a
 * template) returns null and the caller parses the file properly, so results never differ.
 */
const DECLARATION = /export\s+const\s+metadata\s*(?::\s*[\w.]+(?:<[^=]*>)?\s*)?=\s*/

class Bail extends Error {}

export function literalMetadata(text: string): Resolved | null {
  const match = DECLARATION.exec(text)
  if (!match) return null
  let at = match.index + match[0].length
  const bail = (): never => {
    throw new Bail()
  }
  const skip = () => {
    for (;;) {
      while (at < text.length && /\s/.test(text[at]!)) at++
      if (text.startsWith('//', at)) at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at)
      else if (text.startsWith('/*', at)) at = text.indexOf('*/', at) === -1 ? bail() : text.indexOf('*/', at) + 2
      else return
    }
  }
  const string = (): string => {
    const quote = text[at]!
    let out = ''
    for (at++; at < text.length && text[at] !== quote; at++) {
      if (text[at] === '\n') bail()
      if (text[at] === '\\') {
        const next = text[++at]!
        if (!`'"\\/`.includes(next)) bail()
        out += next
      } else out += text[at]
    }
    at++
    return out
  }
  const value = (): Resolved => {
    skip()
    const c = text[at]
    if (c === '{') {
      at++
      const result: Record<string, Resolved> = {}
      for (;;) {
        skip()
        if (text[at] === '}') break
        let key: string
        if (text[at] === "'" || text[at] === '"') key = string()
        else {
          const id = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 100))?.[0] ?? bail()
          key = id
          at += id.length
        }
        skip()
        if (text[at] !== ':') bail()
        at++
        result[key] = value()
        skip()
        if (text[at] === ',') at++
        else if (text[at] !== '}') bail()
      }
      at++
      return result
    }
    if (c === '[') {
      at++
      const items: Resolved[] = []
      for (;;) {
        skip()
        if (text[at] === ']') break
        items.push(value())
        skip()
        if (text[at] === ',') at++
        else if (text[at] !== ']') bail()
      }
      at++
      return items
    }
    if (c === "'" || c === '"') return string()
    const word = /^(?:true|false|null|-?\d+(?:\.\d+)?)(?![\w$.])/.exec(text.slice(at, at + 30))?.[0] ?? bail()
    at += word.length
    return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word)
  }
  try {
    return value()
  } catch (error) {
    if (error instanceof Bail) return null
    throw error
  }
}
