import type { Manifest } from '../engine/manifest'
import { names } from '../naming'
import { moduleDir } from '../paths'
import type { TemplateRenderer } from '../services/types'

/**
 * Files a release renders from other data than the release that wrote them, so that replaying a
 * version 1 manifest through today's code with the old templates does not give back what was
 * written: 0.2.0's CRUD slice builds the route from the fields, 0.1.0 from the entity's names. For
 * those, the old release's recipe (its template, with the data its code gave it) is kept here, by
 * release and action. Upgrade uses a result only when it hashes to what the manifest says was written.
 */
type Recipe = (input: Record<string, unknown>, templates: TemplateRenderer) => Promise<Record<string, string>>

const lowerFirst = (s: string) => names(s).propertyName

const RECIPES: Record<string, Record<string, Recipe>> = {
  '0.1.0': {
    async 'data-entity'(i, templates) {
      if (!i.crud || typeof i.name !== 'string' || typeof i.module !== 'string') return {}
      const table = typeof i.table === 'string' ? i.table : names(i.name).plural
      const route = `${moduleDir(i.module)}/api/${table.replace(/_/g, '-')}/route.ts`
      return {
        [route]: await templates.render('data-entity/crud-route.ts.hbs', {
          name: i.name, module: i.module, entity: names(i.name).snake, createSchema: `${lowerFirst(i.name)}CreateSchema`, updateSchema: `${lowerFirst(i.name)}UpdateSchema`,
          title: names(i.module).title, plural: names(table).sentence.toLowerCase(), singular: names(i.name).sentence.toLowerCase(),
        }),
      }
    },
  },
}

/** What release `version`'s `manifest.action` wrote to `path`, by its own recipe, or null when none is kept. */
export async function legacyOutput(version: string, manifest: Manifest, path: string, templates: TemplateRenderer): Promise<string | null> {
  const recipe = RECIPES[version]?.[manifest.action]
  return recipe ? ((await recipe(manifest.input, templates.asOf(version)))[path] ?? null) : null
}
