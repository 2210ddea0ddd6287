import { render } from 'ink-testing-library'
import { createElement } from 'react'
import { createServices } from '../dist/index.js'
import { App } from '../dist/tui.js'

export const KEY = { down: '\u001B[B', up: '\u001B[A', right: '\u001B[C', left: '\u001B[D', enter: '\r', escape: '\u001B', backspace: '\u007F', ctrlC: '\u0003' }

/** Renders the TUI on a folder and returns helpers to type and to wait for the screen. */
export function startTui(cwd: string, props: Record<string, unknown> = {}) {
  const ui = render(createElement(App, { services: createServices({ quiet: true }), cwd, ...props }))
  const frame = () => ui.lastFrame() ?? ''
  return {
    ui,
    frame,
    async press(...keys: string[]) {
      for (const key of keys) {
        // input handlers attach in effects after a screen renders; give them a moment
        await new Promise((r) => setTimeout(r, 25))
        ui.stdin.write(key)
      }
      await new Promise((r) => setTimeout(r, 25))
    },
    async waitFor(pattern: RegExp, timeout = 5000) {
      const until = Date.now() + timeout
      while (!pattern.test(frame())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; screen:\n${frame()}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
  }
}
