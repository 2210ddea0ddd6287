import { createElement, render } from '../dist/testing.js'
import { ACTIONS, createServices } from '../dist/index.js'
import { App } from '../dist/tui.js'
import { CEILING_MS, waitUntil } from './wait.ts'

export const KEY = { down: '\u001B[B', up: '\u001B[A', right: '\u001B[C', left: '\u001B[D', enter: '\r', escape: '\u001B', backspace: '\u007F', ctrlC: '\u0003', home: '\u001B[H', end: '\u001B[F', ctrlU: '\u0015', ctrlW: '\u0017' }

const MENU = ACTIONS.map((a: { name: string }) => a.name)

/** Renders the TUI on a folder and returns helpers to type and to wait for the screen. */
export function startTui(cwd: string, props: Record<string, unknown> = {}, size = { columns: 100, rows: 40 }) {
  const ui = render(createElement(App, { services: createServices({ quiet: true }), cwd, ...props }))
  const resize = (columns: number, rows: number) => {
    Object.defineProperty(ui.stdout, 'columns', { value: columns, configurable: true })
    Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true })
    ui.stdout.emit('resize')
  }
  resize(size.columns, size.rows)
  const frame = () => ui.lastFrame() ?? ''
  return {
    ui,
    frame,
    resize,
    /** Keys written as one chunk, as a fast typist or a paste delivers them. */
    async send(chunk: string) {
      await new Promise((r) => setTimeout(r, 25))
      ui.stdin.write(chunk)
      await new Promise((r) => setTimeout(r, 25))
    },
    async press(...keys: string[]) {
      for (const key of keys) {
        // input handlers attach in effects after a screen renders; give them a moment
        await new Promise((r) => setTimeout(r, 25))
        ui.stdin.write(key)
      }
      await new Promise((r) => setTimeout(r, 25))
    },
    /** Opens an action from the home menu by its place in ACTIONS (the menu remembers the last one, so start at the top). */
    async open(action: string) {
      await this.waitFor(/› /)
      await this.press(KEY.home, ...Array(MENU.indexOf(action)).fill(KEY.down))
      await this.waitFor(new RegExp(`› ${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`))
      await this.press(KEY.enter)
    },
    /** Until the screen matches; `ceiling` may raise the generous default for a long step (a migration), never lower it. */
    async waitFor(pattern: RegExp, ceiling = CEILING_MS) {
      await waitUntil(() => pattern.test(frame()), String(pattern), frame, Math.max(ceiling, CEILING_MS))
    },
    /** Until the screen passes `test`. */
    async waitUntil(test: (screen: string) => boolean, what: string) {
      await waitUntil(() => test(frame()), what, frame)
    },
  }
}
