import type { Comment } from '@babel/types'
import { indentAt, lineStartOf, skipTrivia } from './source'

/** A bracketed list in source: an array literal, an object literal or a class body. */
export interface ListNode {
  /** Offset of the opening bracket. */
  start: number
  /** Offset just after the closing bracket. */
  end: number
  items: Array<{ start: number; end: number }>
}

export interface AppendOptions {
  /** Indent of the line that opens the list, for a first item in an empty list. */
  outerIndent: string
  /** ',' for arrays and objects, '' for class bodies. */
  separator?: ',' | ''
  /** One indent step, used when the list has no item to copy the indent from. */
  step?: string
  /** Leave an empty line before the new item (class members). */
  blankLineBefore?: boolean
}

const indentLines = (item: string, indent: string) => item.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n')

/**
 * Appends `items` as the last entries of a list and changes no other byte: comments, blank lines and
 * formatting around it stay. Multi-line lists get each item on its own line with the indent of the
 * first item; one-line lists get them inline. An item may span lines (written with no base indent).
 * All items go in one edit, so a file is parsed once however many items it gets.
 */
export function appendToList(text: string, list: ListNode, comments: readonly Comment[], items: readonly string[], options: AppendOptions): string {
  if (items.length === 0) return text
  const sep = options.separator ?? ','
  const gap = options.blankLineBefore ? '\n' : ''
  const step = options.step ?? '  '
  const close = list.end - 1
  const last = list.items.at(-1)
  const onLines = items.join(`${sep}\n${gap}`)

  if (!last) {
    const item = onLines
    const inner = `${options.outerIndent}${step}`
    const closeLineStart = lineStartOf(text, close)
    const body = `${inner}${indentLines(item, inner)}${sep}\n`
    if (text.slice(list.start + 1, close).trim() === '') return `${text.slice(0, list.start + 1)}\n${body}${options.outerIndent}${text.slice(close)}`
    if (text.slice(closeLineStart, close).trim() === '') return `${text.slice(0, closeLineStart)}${body}${text.slice(closeLineStart)}`
    return `${text.slice(0, close)}\n${body}${options.outerIndent}${text.slice(close)}`
  }

  const afterLast = skipTrivia(text, last.end, comments)
  const hasSep = sep !== '' && text[afterLast] === sep
  const addSep = sep !== '' && !hasSep
  const withSep = addSep ? `${text.slice(0, last.end)}${sep}${text.slice(last.end)}` : text
  const closeAt = close + (addSep ? 1 : 0)
  const first = list.items[0]!
  const multiline = text.slice(list.start, first.start).includes('\n')
  const afterSep = sep === '' ? last.end : (hasSep ? afterLast : last.end) + 1

  if (!multiline) {
    const item = items.join(`${sep} `)
    const trailing = hasSep && skipTrivia(text, afterLast + 1, comments) === close ? sep : ''
    return `${withSep.slice(0, afterSep)} ${indentLines(item, options.outerIndent)}${trailing}${withSep.slice(afterSep)}`
  }

  const indent = indentAt(text, first.start)
  const item = onLines
  const closeLineStart = lineStartOf(withSep, closeAt)
  if (withSep.slice(closeLineStart, closeAt).trim() === '') {
    return `${withSep.slice(0, closeLineStart)}${gap}${indent}${indentLines(item, indent)}${sep}\n${withSep.slice(closeLineStart)}`
  }
  const trailing = hasSep ? sep : ''
  return `${withSep.slice(0, afterSep)}\n${gap}${indent}${indentLines(item, indent)}${trailing}${withSep.slice(afterSep)}`
}
