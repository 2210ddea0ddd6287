import type { Tree } from '../services/tree'
import { findConst, parseSource } from './find'

export interface Schema { name: string; code: string }

/**
 * Adds zod schemas to the module's data/validators.ts, creating it if needed: a schema whose const
 * already exists is left as it is; new ones go at the end, and `import { z } from 'zod'` is added
 * at the top when missing. Returns the names added.
 */
export async function ensureSchemas(tree: Tree, moduleDir: string, schemas: Schema[]): Promise<string[]> {
  const path = `${moduleDir}/data/validators.ts`
  const existing = await tree.read(path)
  let text = existing ?? "import { z } from 'zod'\n"
  const parsed = parseSource(text, path)
  const missing = schemas.filter((s) => !findConst(parsed, s.name))
  if (missing.length === 0) return []
  const importsZ = parsed.ast.program.body.some((s) => s.type === 'ImportDeclaration' && s.source.value === 'zod'
    && s.specifiers.some((sp) => sp.local.name === 'z'))
  if (!importsZ) text = `import { z } from 'zod'\n${text}`
  text = `${text.replace(/\n*$/, '\n')}${missing.map((s) => `\n${s.code.trimEnd()}\n`).join('')}`
  await tree.write(path, text)
  return missing.map((s) => s.name)
}
