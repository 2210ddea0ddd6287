import { count } from '../text'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Tree } from '../services/tree'
import { UsageError } from '../errors'
import type { TemplateRenderer } from '../services/types'
import { defineAction } from './spec'
import { TEMPLATES_DIR } from '../paths'

/** What each ejected template was when it was copied, so `templates list` can tell your edits from an upgrade's. */
const EJECTED = `${TEMPLATES_DIR}/.ejected.json`

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** Built-in templates by kind (the folder under templates/), as relative paths; new-app's serve no app yet, so they are left out. */
async function builtIns(templates: TemplateRenderer): Promise<Map<string, string[]>> {
  const kinds = new Map<string, string[]>()
  for (const path of await templates.builtIns()) {
    const kind = path.split('/')[0]!
    if (kind === 'new-app' || !path.includes('/')) continue
    kinds.set(kind, [...(kinds.get(kind) ?? []), path])
  }
  return kinds
}

const builtIn = async (templates: TemplateRenderer, path: string) => (await templates.source(path)).text

async function ejectedRecord(tree: Tree): Promise<Record<string, string>> {
  const text = await tree.read(EJECTED)
  if (text === null) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new UsageError(`${EJECTED} is not valid JSON; fix or delete it`)
  }
}

export const templatesEjectAction = defineAction({
  kind: 'plan',
  name: 'templates eject',
  summary: 'copy built-in templates (one kind, or all) to .mercato/templates/ so the app can change them',
  positionals: ['kind'],
  input: z.object({ kind: z.string().optional().describe('the kind to eject (module, page, api, data-entity, ...); default: every kind') }),
  needsApp: true,
  examples: ['templates eject data-entity', 'templates eject'],
  async plan(i, { tree, templates, force }) {
    const kinds = await builtIns(templates)
    if (i.kind !== undefined && !kinds.has(i.kind)) throw new UsageError(`no templates of kind "${i.kind}"; kinds are ${[...kinds.keys()].join(', ')}`)
    const record = await ejectedRecord(tree)
    const files = i.kind ? kinds.get(i.kind)! : [...kinds.values()].flat()
    const kept: string[] = []
    for (const path of files) {
      const target = `${TEMPLATES_DIR}/${path}`
      const current = await tree.read(target)
      const text = await builtIn(templates, path)
      if (current !== null && current !== text && !force) {
        kept.push(target)
        continue
      }
      await tree.write(target, text)
      record[path] = sha(text)
    }
    if (tree.changes().length > 0) await tree.write(EJECTED, `${JSON.stringify(Object.fromEntries(Object.entries(record).sort()), null, 2)}\n`)
    const keptNote = kept.length > 0 ? `; kept ${count(kept.length, 'template')} you changed (--force replaces them): ${kept.join(', ')}` : ''
    return { summary: `ejected ${count(files.length - kept.length, 'template')} of ${i.kind ?? 'every kind'} to ${TEMPLATES_DIR}/${keptNote}` }
  },
})

type State = 'built-in' | 'ejected' | 'changed' | 'upgraded' | 'changed, upgraded'

export const templatesListAction = defineAction({
  kind: 'report',
  name: 'templates list',
  summary: 'list the templates, which the app overrides, and which differ from the built-in version after an upgrade',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  examples: ['templates list', 'templates list --json'],
  async report(_i, { tree, services }) {
    const record = await ejectedRecord(tree)
    const rows: Array<{ template: string; state: State; file?: string }> = []
    for (const path of [...(await builtIns(services.templates)).values()].flat()) {
      const override = await tree.read(`${TEMPLATES_DIR}/${path}`)
      if (override === null) {
        rows.push({ template: path, state: 'built-in' })
        continue
      }
      const now = sha(await builtIn(services.templates, path))
      const base = record[path] ?? now
      const changed = sha(override) !== base
      const upgraded = base !== now
      const state: State = changed && upgraded ? 'changed, upgraded' : upgraded ? 'upgraded' : changed ? 'changed' : 'ejected'
      rows.push({ template: path, state, file: `${TEMPLATES_DIR}/${path}` })
    }
    const width = Math.max(...rows.map((r) => r.template.length))
    const legend = 'ejected: a copy, as built in · changed: you edited it · upgraded: the built-in changed since you ejected it (compare, then --force to take it)'
    const text = [...rows.map((r) => `  ${r.template.padEnd(width)}  ${r.state}`), '', legend].join('\n')
    return { text, data: { templates: rows } }
  },
})
