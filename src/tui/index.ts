import { render } from 'ink'
import { createElement } from 'react'
import { createServices } from '../services/container'
import { App } from './app'

export { App }

/** Runs the TUI until the user quits; progress and prompts never leave the terminal it owns. */
export async function runTui({ cwd }: { cwd: string }): Promise<number> {
  const services = createServices({ quiet: true })
  const instance = render(createElement(App, { services, cwd }))
  await instance.waitUntilExit()
  return 0
}
