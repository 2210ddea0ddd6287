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
