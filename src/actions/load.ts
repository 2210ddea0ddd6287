import type { ActionSpec } from './spec'

// Building an action's zod schemas is most of what loading it costs, and ./index builds every
// action's: a command run loads only its own action's module (and what that imports) from here.
// test/start-up.test.ts holds this table to ACTIONS, name for name and alias for alias.
const LOADERS: Record<string, () => Promise<ActionSpec>> = {
  'new-app': async () => (await import('./new-app')).newAppAction,
  module: async () => (await import('./module')).moduleAction,
  init: async () => (await import('./module')).moduleAction,
  page: async () => (await import('./page')).pageAction,
  api: async () => (await import('./api')).apiAction,
  subscriber: async () => (await import('./subscriber')).subscriberAction,
  event: async () => (await import('./event')).eventAction,
  worker: async () => (await import('./worker')).workerAction,
  cli: async () => (await import('./cli-command')).cliAction,
  widget: async () => (await import('./widget')).widgetAction,
  entity: async () => (await import('./entity')).entityAction,
  'data-entity': async () => (await import('./data-entity')).dataEntityAction,
  extension: async () => (await import('./extension')).extensionAction,
  override: async () => (await import('./override')).overrideAction,
  enable: async () => (await import('./enable')).enableAction,
  disable: async () => (await import('./enable')).disableAction,
  add: async () => (await import('./add')).addAction,
  undo: async () => (await import('./undo')).undoAction,
  upgrade: async () => (await import('./upgrade')).upgradeAction,
  generate: async () => (await import('./generate')).generateAction,
  list: async () => (await import('./list')).listAction,
  doctor: async () => (await import('./doctor')).doctorAction,
  'templates list': async () => (await import('./templates')).templatesListAction,
  'templates eject': async () => (await import('./templates')).templatesEjectAction,
  agents: async () => (await import('./agents')).agentsAction,
  'db status': async () => (await import('./db')).dbStatusAction,
  'db generate': async () => (await import('./db')).dbGenerateAction,
  'db migrate': async () => (await import('./db')).dbMigrateAction,
  'db greenfield': async () => (await import('./db')).dbGreenfieldAction,
}

/** Every name and alias the table loads, for the test that holds it to ACTIONS. */
export const loadableNames = (): string[] => Object.keys(LOADERS)

/** The action `words` name (as findAction resolves them: `db migrate`, then `db`), loading only its module; undefined when none. */
export async function loadAction(...words: string[]): Promise<ActionSpec | undefined> {
  for (const name of [words.slice(0, 2).join(' '), words[0]!]) {
    if (Object.hasOwn(LOADERS, name)) return LOADERS[name]!()
  }
  return undefined
}
