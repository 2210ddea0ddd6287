/**
 * The TUI's colours. Only the ANSI colours terminal themes adapt to light and dark backgrounds;
 * no white or black text, and headings are bold rather than coloured. Nothing depends on colour
 * alone: the selection also has `›` and bold, errors start with `✗`.
 */
export const palette = {
  accent: 'cyan',
  ok: 'green',
  error: 'red',
  warn: 'magenta',
} as const

/**
 * NO_COLOR (any non-empty value) turns colours and styles off unless FORCE_COLOR asks for them. It must
 * run before ink (and chalk, which reads FORCE_COLOR once when loaded) is imported.
 */
export function applyColorEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '0'
}
