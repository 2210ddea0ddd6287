import { addAction } from './add'
import { agentsAction } from './agents'
import { apiAction } from './api'
import { cliAction } from './cli-command'
import { dataEntityAction } from './data-entity'
import { dbGenerateAction, dbGreenfieldAction, dbMigrateAction, dbStatusAction } from './db'
import { disableAction, enableAction } from './enable'
import { doctorAction } from './doctor'
import { entityAction } from './entity'
import { eventAction } from './event'
import { extensionAction } from './extension'
import { generateAction } from './generate'
import { listAction } from './list'
import { moduleAction } from './module'
import { newAppAction } from './new-app'
import { overrideAction } from './override'
import { pageAction } from './page'
import { subscriberAction } from './subscriber'
import { templatesEjectAction, templatesListAction } from './templates'
import { undoAction } from './undo'
import { upgradeAction } from './upgrade'
import { widgetAction } from './widget'
import { workerAction } from './worker'
import type { ActionSpec } from './spec'

/** Every action the tool has, in the order menus and --help list them. */
export const ACTIONS: readonly ActionSpec[] = [
  newAppAction, moduleAction, pageAction, apiAction, subscriberAction, eventAction, workerAction, cliAction, widgetAction, entityAction, dataEntityAction, extensionAction, overrideAction,
  enableAction, disableAction, addAction, undoAction, upgradeAction, generateAction, listAction, doctorAction, templatesListAction, templatesEjectAction, agentsAction,
  dbStatusAction, dbGenerateAction, dbMigrateAction, dbGreenfieldAction,
]

/** An action by name or alias; `words` are the leading arguments, for two-word commands such as `db migrate`. */
export function findAction(...words: string[]): ActionSpec | undefined {
  for (const name of [words.slice(0, 2).join(' '), words[0]!]) {
    const spec = ACTIONS.find((a) => a.name === name || a.aliases?.includes(name))
    if (spec) return spec
  }
  return undefined
}
