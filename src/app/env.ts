import type { Tree } from '../services/tree'

const HEAD = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/
const QUOTES = new Set(['"', "'", '`'])

const endOfLine = (text: string, from: number) => (text.indexOf('\n', from) === -1 ? text.length : text.indexOf('\n', from))

/**
 * Where the quote opened at `open` closes (a backslash escapes it; the value may span lines), or -1
 * when it does not, or when more than a comment follows it: then the value is read as unquoted.
 */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === text[open]) return /^[ \t]*(?:#|$)/.test(text.slice(i + 1, endOfLine(text, i))) ? i : -1
  }
  return -1
}

/**
 * The variables of a .env file as dotenv (17) reads them, since Open Mercato loads .env with it: an
 * unquoted value ends at the first `#` (`URL=postgres://x/db # local` and `A=b#c` give `postgres://x/db`
 * and `b`), a quoted one at its closing quote, whatever follows it on the line being a comment; a `#`
 * inside quotes stays; only double quotes expand `\n` and `\r`; a later line wins.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  const src = text.replace(/\r\n?/g, '\n')
  for (let at = 0; at < src.length;) {
    const lineEnd = endOfLine(src, at)
    const head = HEAD.exec(src.slice(at, lineEnd))
    if (!head) {
      at = lineEnd + 1
      continue
    }
    const start = at + head[0].length
    const close = QUOTES.has(src[start]!) ? closingQuote(src, start) : -1
    if (close === -1) {
      const raw = src.slice(start, lineEnd)
      env[head[1]!] = raw.slice(0, raw.includes('#') ? raw.indexOf('#') : raw.length).trim()
      at = lineEnd + 1
      continue
    }
    const value = src.slice(start + 1, close)
    env[head[1]!] = src[start] === '"' ? value.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : value
    at = endOfLine(src, close) + 1
  }
  return env
}

/**
 * The environment Open Mercato's CLI evaluates src/modules.ts with: the app's .env under the process
 * environment (which wins). Where .env is missing, Open Mercato copies .env.example to .env on its
 * first run outside production; we read .env.example as that copy would be, and write nothing.
 */
export async function appEnv(tree: Pick<Tree, 'read'>): Promise<Record<string, string | undefined>> {
  const text = (await tree.read('.env')) ?? (process.env.NODE_ENV === 'production' ? null : await tree.read('.env.example'))
  return { ...parseDotEnv(text ?? ''), ...process.env }
}
