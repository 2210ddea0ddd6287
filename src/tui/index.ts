import { render } from 'ink'
import { createElement } from 'react'
import { createServices } from '../services/container'
import { App } from './app'

export { App }

/** Runs the TUI until the user quits; progress and prompts never leave the terminal it owns. */
export async function runTui({ cwd }: { cwd: string }): Promise<number> {
  const services = createServices({ quiet: true })
  // We only get here with a terminal on both ends, so a CI variable in the environment must not
  // switch ink to its render-once mode: a person is at this terminal.
  const instance = render(createElement(App, { services, cwd }), { interactive: true })
  await instance.waitUntilExit()
  return 0
}
