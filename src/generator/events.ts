import { safely, type Picker } from '../app/pickers'
import type { Tree } from '../services/tree'
import { discover } from './discover'
import { moduleSource } from './source'
import { declaredEventIds } from '../source-edit/events'

/** Every event the enabled modules declare in their events.ts, with the module that declares it. */
export async function declaredEvents(tree: Tree): Promise<Array<{ id: string; module: string; file: string }>> {
  const { modules } = await discover(tree, { lenient: true })
  const events = []
  const source = moduleSource(tree)
  for (const m of modules) {
    const file = m.files.events?.file
    if (!file) continue
    for (const id of declaredEventIds((await source.read(file)) ?? '', file)) events.push({ id, module: m.id, file })
  }
  return events
}

/** Event ids the enabled modules declare in events.ts, for a subscriber to listen to. */
export const declaredEventPicker: Picker = {
  quick: 'declared-events',
  options: (tree) => safely(async () => [...new Set((await declaredEvents(tree)).map((e) => e.id))].sort()),
}
