import { useInput, type Key as InkKey } from 'ink'
import { useCallback, useRef, useState } from 'react'

export type KeyName =
  | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown'
  | 'return' | 'escape' | 'tab' | 'backtab' | 'backspace' | 'delete'
  | 'ctrl-a' | 'ctrl-e' | 'ctrl-u' | 'ctrl-w' | 'ctrl-c' | 'ctrl-r' | 'text'

/** One key press, or a run of typed/pasted text (`name: 'text'`). */
export interface KeyEvent { name: KeyName; text: string }

const CONTROL: Record<string, KeyName> = {
  '\r': 'return', '\n': 'return', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace',
  '\u0001': 'ctrl-a', '\u0005': 'ctrl-e', '\u0015': 'ctrl-u', '\u0017': 'ctrl-w', '\u0003': 'ctrl-c', '\u0012': 'ctrl-r',
}

/**
 * Splits text that arrived as one chunk (a paste, or keys typed faster than a frame) into the text
 * runs and control keys it holds, so `greenfield⏎` is text then Enter rather than one odd string.
 */
export function splitText(input: string): KeyEvent[] {
  const events: KeyEvent[] = []
  for (const part of input.split(/([\r\n\t\u007F\b\u0001\u0005\u0015\u0017\u0003\u0012])/)) {
    if (part === '') continue
    const name = CONTROL[part]
    // \r\n from a paste is one Enter
    if (part === '\n' && events.at(-1)?.name === 'return') continue
    events.push(name ? { name, text: '' } : { name: 'text', text: part })
  }
  return events
}

function normalize(input: string, key: InkKey): KeyEvent[] {
  if (key.upArrow) return [{ name: 'up', text: '' }]
  if (key.downArrow) return [{ name: 'down', text: '' }]
  if (key.leftArrow) return [{ name: 'left', text: '' }]
  if (key.rightArrow) return [{ name: 'right', text: '' }]
  if (key.home) return [{ name: 'home', text: '' }]
  if (key.end) return [{ name: 'end', text: '' }]
  if (key.pageUp) return [{ name: 'pageup', text: '' }]
  if (key.pageDown) return [{ name: 'pagedown', text: '' }]
  if (key.tab) return [{ name: key.shift ? 'backtab' : 'tab', text: '' }]
  if (key.escape) return [{ name: 'escape', text: '' }]
  if (key.return) return [{ name: 'return', text: '' }]
  if (key.backspace) return [{ name: 'backspace', text: '' }]
  if (key.delete) return [{ name: 'delete', text: '' }]
  if (key.ctrl) {
    const name = ({ a: 'ctrl-a', e: 'ctrl-e', u: 'ctrl-u', w: 'ctrl-w', c: 'ctrl-c', r: 'ctrl-r' } as Record<string, KeyName>)[input]
    return name ? [{ name, text: '' }] : []
  }
  if (key.meta) return []
  return splitText(input)
}

/** useInput with normalized events; several events from one chunk are delivered in order. */
export function useKeys(handler: (event: KeyEvent) => void, active = true): void {
  useInput((input, key) => {
    for (const event of normalize(input, key)) handler(event)
  }, { isActive: active })
}

/**
 * State whose latest value handlers read from `ref`, so several keys handled before the next render
 * (a paste, batched arrows) each see the previous key's result instead of the render's stale copy.
 */
export function useLatest<T>(initial: T | (() => T)) {
  const [state, setState] = useState(initial)
  const ref = useRef(state)
  const set = useCallback((next: T | ((previous: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (previous: T) => T)(ref.current) : next
    setState(ref.current)
  }, [])
  return [state, set, ref] as const
}
