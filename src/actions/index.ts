import { apiAction } from './api'
import { dataEntityAction } from './data-entity'
import { disableAction, enableAction } from './enable'
import { entityAction } from './entity'
import { generateAction } from './generate'
import { listAction } from './list'
import { moduleAction } from './module'
import { newAppAction } from './new-app'
import { pageAction } from './page'
import { subscriberAction } from './subscriber'
import type { ActionSpec } from './spec'

/** Every action the tool has, in the order menus and --help list them. */
export const ACTIONS = [
  newAppAction, moduleAction, pageAction, apiAction, subscriberAction, entityAction, dataEntityAction,
  enableAction, disableAction, generateAction, listAction,
] as unknown as ActionSpec[]

export function findAction(name: string): ActionSpec | undefined {
  return ACTIONS.find((a) => a.name === name || a.aliases?.includes(name))
}
