import type { KeyEvent } from './keys'

/** A text field's value and where the cursor is in it (0..value.length). */
export interface TextState { value: string; cursor: number }

const wordStart = (value: string, cursor: number) => {
  let at = cursor
  while (at > 0 && /\s/.test(value[at - 1]!)) at--
  while (at > 0 && !/\s/.test(value[at - 1]!)) at--
  return at
}

/**
 * One key applied to a text field, readline style: ←/→, Home/End (Ctrl+A/E), Backspace/Delete at the
 * cursor, Ctrl+U deletes to the start, Ctrl+W the word before the cursor; text is inserted at the cursor.
 * Returns null for a key that is not an edit.
 */
export function editText({ value, cursor }: TextState, k: KeyEvent): TextState | null {
  switch (k.name) {
    case 'left': return { value, cursor: Math.max(0, cursor - 1) }
    case 'right': return { value, cursor: Math.min(value.length, cursor + 1) }
    case 'home':
    case 'ctrl-a': return { value, cursor: 0 }
    case 'end':
    case 'ctrl-e': return { value, cursor: value.length }
    case 'backspace': return cursor === 0 ? { value, cursor } : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 }
    case 'delete': return { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor }
    case 'ctrl-u': return { value: value.slice(cursor), cursor: 0 }
    case 'ctrl-w': {
      const start = wordStart(value, cursor)
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start }
    }
    case 'text': return { value: value.slice(0, cursor) + k.text + value.slice(cursor), cursor: cursor + k.text.length }
    default: return null
  }
}
