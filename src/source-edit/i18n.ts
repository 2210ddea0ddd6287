import { UsageError } from '../errors'
import type { Tree } from '../services/tree'

/**
 * Adds keys missing from every locale file of a module (or only `locale`'s, created if absent;
 * i18n/en.json when the module has none). Existing translations are never replaced, and the new
 * keys are inserted into the text before its closing brace, so what was there (escapes, number
 * formats, key order, duplicate keys) keeps its bytes.
 */
export async function addTranslations(tree: Tree, moduleDir: string, entries: Record<string, string>, locale?: string): Promise<void> {
  const files = locale ? [`${locale}.json`] : (await tree.list(`${moduleDir}/i18n`)).filter((n) => n.endsWith('.json'))
  for (const name of files.length > 0 ? files : ['en.json']) {
    const path = `${moduleDir}/i18n/${name}`
    const text = await tree.read(path)
    const dictionary = text === null ? {} : parseDictionary(path, text)
    const missing = Object.entries(entries).filter(([key]) => !Object.hasOwn(dictionary, key))
    if (missing.length === 0) continue
    if (text === null) await tree.write(path, `${JSON.stringify(Object.fromEntries(missing), null, '  ')}\n`)
    else await tree.write(path, insertKeys(text, missing))
  }
}

/**
 * Gives each of `locales` every key the module's other locale files have, so a locale added to a
 * module starts with the module's whole key set (doctor then finds nothing missing). A key's text
 * comes from en.json, else from the first file that has it: untranslated, so the caller says which
 * locales need translating. Returns the locales that gained keys, with how many.
 */
export async function alignLocales(tree: Tree, moduleDir: string, locales: string[]): Promise<Array<{ locale: string; added: number }>> {
  const names = (await tree.list(`${moduleDir}/i18n`)).filter((n) => n.endsWith('.json'))
  const dictionaries = new Map<string, object>()
  for (const name of names) {
    const path = `${moduleDir}/i18n/${name}`
    dictionaries.set(name.slice(0, -'.json'.length), parseDictionary(path, (await tree.read(path))!))
  }
  const known = new Map<string, string>()
  const english = [...dictionaries].sort(([a], [b]) => Number(b === 'en') - Number(a === 'en'))
  for (const [, values] of english) {
    for (const [key, value] of Object.entries(values)) if (!known.has(key) && typeof value === 'string') known.set(key, value)
  }
  const result: Array<{ locale: string; added: number }> = []
  for (const locale of locales) {
    const has = dictionaries.get(locale) ?? {}
    const missing = Object.fromEntries([...known].filter(([key]) => !Object.hasOwn(has, key)))
    const added = Object.keys(missing).length
    if (added === 0) continue
    await addTranslations(tree, moduleDir, missing, locale)
    result.push({ locale, added })
  }
  return result
}

function parseDictionary(path: string, text: string): object {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); fix it and run again`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const found = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`
    throw new UsageError(`${path} holds ${found}, not an object of translations; make it {} or fix it, and run again`)
  }
  return parsed
}

/** `text` is valid JSON holding an object, so its last "}" closes it. */
function insertKeys(text: string, missing: [string, string][]): string {
  const close = text.lastIndexOf('}')
  const body = text.slice(0, close)
  const last = body.trimEnd()
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  '
  const lines = missing.map(([key, value]) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')
  const gap = body.slice(last.length)
  if (last.endsWith('{')) return `${last}\n${lines}${gap.includes('\n') ? gap : '\n'}${text.slice(close)}`
  return `${last},\n${lines}${gap}${text.slice(close)}`
}
