import { render } from 'ink'
import { createElement } from 'react'
import { createServices } from '../services/container'
import { App, type TuiFlags } from './app'
import type { KnownApp } from './first-frame'

export { App, type TuiFlags }

/** Runs the TUI until the user quits; progress and prompts never leave the terminal it owns. */
export async function runTui({ cwd, flags, known }: { cwd: string; flags: TuiFlags; known?: KnownApp | null }): Promise<number> {
  const services = createServices({ quiet: true })
  let code = 0
  // We only get here with a terminal on both ends, so a CI variable in the environment must not
  // switch ink to its render-once mode: a person is at this terminal. Ctrl+C is the App's to handle:
  // it stops running work first. The alternate screen, as full-screen programs use, keeps every frame
  // (and what a resize leaves of one) out of the user's scrollback, which is back as it was on exit.
  const instance = render(createElement(App, { services, cwd, flags, known, onExitCode: (c: number) => { code = c } }), { interactive: true, exitOnCtrlC: false, alternateScreen: true })
  await instance.waitUntilExit()
  return code
}
