import { parse } from '@babel/parser'
import type { Comment, File } from '@babel/types'

/**
 * Parses TypeScript source for static reading; never executes it. Throws with the parser's line and
 * column. JSX only for .tsx, since in .ts files `<T>value` is a type assertion.
 */
export function parseTypeScript(text: string, options: { jsx?: boolean } = {}): File {
  const plugins: Array<'typescript' | 'jsx' | 'decorators-legacy'> = ['typescript', 'decorators-legacy']
  if (options.jsx) plugins.push('jsx')
  return parse(text, { sourceType: 'module', plugins, errorRecovery: false })
}

/** The offset of the next character after `from` that is not whitespace or inside a comment. */
export function skipTrivia(text: string, from: number, comments: readonly Comment[]): number {
  let at = from
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++
    const comment = comments.find((c) => c.start === at)
    if (!comment) return at
    at = comment.end!
  }
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset)
  const lead = text.slice(start, offset)
  return /^[ \t]*$/.test(lead) ? lead : (/^[ \t]*/.exec(lead)?.[0] ?? '')
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const line = text.slice(0, offset).split('\n').length
  return { line, column: offset - lineStartOf(text, offset) + 1 }
}
