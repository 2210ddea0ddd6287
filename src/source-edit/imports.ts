import { tsString } from '../quote'
import { parseSource } from './find'

/**
 * Makes `name` imported from `from`: added to an existing `import { … } from 'from'` after its last
 * specifier, or as a new import line at the top. Every other byte stays.
 */
export function ensureNamedImport(text: string, label: string, from: string, name: string): string {
  const parsed = parseSource(text, label)
  const imports = parsed.ast.program.body.filter((s) => s.type === 'ImportDeclaration' && s.source.value === from && s.importKind !== 'type')
  for (const decl of imports) {
    if (decl.type !== 'ImportDeclaration') continue
    if (decl.specifiers.some((s) => s.local.name === name)) return text
  }
  const named = imports.flatMap((d) => (d.type === 'ImportDeclaration' ? d.specifiers.filter((s) => s.type === 'ImportSpecifier') : []))
  const last = named.at(-1)
  if (last) return `${text.slice(0, last.end!)}, ${name}${text.slice(last.end!)}`
  return `import { ${name} } from ${tsString(from)}\n${text}`
}
