/**
 * Terminal colours, only the basic eight (a terminal theme maps them for dark and light
 * backgrounds alike; no bright white or yellow, which vanish on light ones).
 */
export interface Paint {
  added(text: string): string
  removed(text: string): string
  changed(text: string): string
  hunk(text: string): string
  strong(text: string): string
  faint(text: string): string
}

const sgr = (open: number, close: number) => (text: string) => (text ? `\x1b[${open}m${text}\x1b[${close}m` : text)

const COLOURS: Paint = { added: sgr(32, 39), removed: sgr(31, 39), changed: sgr(34, 39), hunk: sgr(36, 39), strong: sgr(1, 22), faint: sgr(2, 22) }
const same = (text: string) => text
export const PLAIN: Paint = { added: same, removed: same, changed: same, hunk: same, strong: same, faint: same }

/** The convention of no-color.org and FORCE_COLOR first, then whether the stream is a terminal. */
export function wantsColour(stream: object, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return Boolean((stream as { isTTY?: boolean }).isTTY) && env.TERM !== 'dumb'
}

export const paintFor = (stream: object, env?: NodeJS.ProcessEnv): Paint => (wantsColour(stream, env) ? COLOURS : PLAIN)
