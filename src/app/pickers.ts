import type { Tree } from '../services/tree'
import { classesOf, findArray, objectsOf, parseSource, stringProp } from '../source-edit/find'
import { enabledModules, readModulesFile } from '../modules-file/read'
import { appEnv } from './env'
import { listAppModules } from './app-modules'
import { MODULES_FILE, moduleDir } from '../paths'
import { openMercatoModuleIds } from '../validation/open-mercato-modules'

/** Existing values a form field can pick from; reading never fails the form, it just offers nothing. */
export interface Picker {
  options(tree: Tree, values: Record<string, unknown>): Promise<string[]>
  /** Start the field on the first option (e.g. the module of a page). */
  prefill?: boolean
  /** The tiny reader (src/cli/quick-values.ts) that gives the same options without the parser: shell completion uses it. */
  quick?: 'app-modules' | 'declared-events'
}

/** A picker's read: a file it cannot read or parse offers nothing instead of failing the form. */
export async function safely<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read()
  } catch {
    return []
  }
}

export const appModules: Picker = { prefill: true, quick: 'app-modules', options: (tree) => safely(() => listAppModules(tree)) }

const enabledIds = async (tree: Tree) => enabledModules(readModulesFile((await tree.read(MODULES_FILE)) ?? '', await appEnv(tree))).map((m) => m.id)

export const enabledModuleIds: Picker = { options: (tree) => safely(() => enabledIds(tree)) }

/** What enable can add: the app's module folders not enabled yet, then Open Mercato's package modules not enabled yet. */
export const enableableModuleIds: Picker = {
  options: (tree) => safely(async () => {
    const enabled = new Set(await enabledIds(tree))
    const local = (await listAppModules(tree)).filter((id) => !enabled.has(id))
    return [...local, ...openMercatoModuleIds().filter((id) => !enabled.has(id) && !local.includes(id))]
  }),
}

/** Names of the custom entities in the chosen module's ce.ts, without the `<module>:` prefix. */
export const customEntities: Picker = {
  options: (tree, { module }) => safely(async () => {
    const path = `${moduleDir(String(module))}/ce.ts`
    const text = await tree.read(path)
    const found = text === null ? null : findArray(parseSource(text, path), 'entities', path)
    return found ? objectsOf(found.array).map((o) => stringProp(o, 'id')?.split(':')[1]).filter((n): n is string => Boolean(n)) : []
  }),
}

/** Class names in the chosen module's data/entities.ts. */
export const dataEntities: Picker = {
  options: (tree, { module }) => safely(async () => {
    const path = `${moduleDir(String(module))}/data/entities.ts`
    const text = await tree.read(path)
    if (text === null) return []
    return classesOf(parseSource(text, path)).map((c) => c.id!.name)
  }),
}
