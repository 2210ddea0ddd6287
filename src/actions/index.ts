import { disableAction, enableAction } from './enable'
import { generateAction } from './generate'
import { moduleAction } from './module'
import { newAppAction } from './new-app'
import type { ActionSpec } from './spec'

/** Every action the tool has, in the order menus and --help list them. */
export const ACTIONS = [newAppAction, moduleAction, enableAction, disableAction, generateAction] as unknown as ActionSpec[]

export function findAction(name: string): ActionSpec | undefined {
  return ACTIONS.find((a) => a.name === name || a.aliases?.includes(name))
}
