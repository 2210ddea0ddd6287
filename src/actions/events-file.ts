import type { Tree } from '../services/tree'
import type { TemplateRenderer } from '../services/types'
import { addEvents } from '../source-edit/events'
import { moduleDir } from '../paths'

export const EVENT_CATEGORIES = ['crud', 'lifecycle', 'system', 'custom'] as const

export interface EventDeclaration {
  id: string
  label: string
  entity: string
  category: (typeof EVENT_CATEGORIES)[number]
  description?: string
  clientBroadcast?: boolean
}

/**
 * Declares events in a module's events.ts: the file is created from the template, or the entries
 * its events array lacks are appended through the parser. Returns the ids added.
 */
export async function declareEvents(tree: Tree, templates: TemplateRenderer, appRoot: string, moduleId: string, events: EventDeclaration[]): Promise<string[]> {
  const path = `${moduleDir(moduleId)}/events.ts`
  const entries = []
  for (const event of events) entries.push({ id: event.id, code: (await templates.render('event/event-entry.ts.hbs', { ...event }, appRoot)).trim() })
  const text = await tree.read(path)
  if (text === null) {
    await tree.write(path, await templates.render('event/events.ts.hbs', { moduleId, entries: entries.map((e) => e.code) }, appRoot))
    return entries.map((e) => e.id)
  }
  const merged = addEvents(text, path, entries)
  if (merged.added.length > 0) await tree.write(path, merged.text)
  return merged.added
}
