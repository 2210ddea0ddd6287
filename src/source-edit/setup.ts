import type { Expression, ObjectExpression } from '@babel/types'
import { UsageError } from '../errors'
import type { Tree } from '../services/tree'
import { tsLiteral } from '../quote'
import { findConst, listOf, parseSource, propertyNamed, unwrap, type ParsedSource } from './find'
import { appendToList } from './list'
import { indentAt } from './source'

function rolesOf(parsed: ParsedSource, path: string): ObjectExpression {
  const setup = findConst(parsed, 'setup')?.init
  const roles = setup?.type === 'ObjectExpression' ? propertyNamed(setup, 'defaultRoleFeatures')?.value : undefined
  if (roles?.type !== 'ObjectExpression') throw new UsageError(`${path}: setup.defaultRoleFeatures is not an object literal; grant the entity's features by hand`)
  return roles
}

/**
 * Grants features to roles in a module's setup.ts `defaultRoleFeatures`, through the parser: a
 * feature a role already has (or covers with `<module>.*`) is left, a role with no list gets one, and
 * every other byte stays. Returns "role: feature" for each grant made; no setup.ts, no grants.
 */
export async function grantRoleFeatures(tree: Tree, path: string, grants: Record<string, string[]>): Promise<string[]> {
  let text = await tree.read(path)
  if (text === null) return []
  const made: string[] = []
  // one edit per role, each on the text the previous one left
  for (const [role, features] of Object.entries(grants)) {
    const parsed = parseSource(text, path)
    const roles = rolesOf(parsed, path)
    const value = propertyNamed(roles, role)?.value
    if (!value) {
      text = appendToList(text, listOf(roles), parsed.comments, [`${role}: ${tsLiteral(features)}`], { outerIndent: indentAt(text, roles.start!) })
      made.push(...features.map((f) => `${role}: ${f}`))
      continue
    }
    const array = unwrap(value as Expression)
    if (array.type !== 'ArrayExpression') throw new UsageError(`${path}: defaultRoleFeatures.${role} is not an array literal; grant ${features.join(', ')} by hand`)
    const has = array.elements.flatMap((e) => (e?.type === 'StringLiteral' ? [e.value] : []))
    const missing = features.filter((f) => !has.some((h) => h === f || (h.endsWith('.*') && f.startsWith(h.slice(0, -1)))))
    if (missing.length === 0) continue
    text = appendToList(text, listOf(array), parsed.comments, missing.map((f) => tsLiteral(f)), { outerIndent: indentAt(text, array.start!) })
    made.push(...missing.map((f) => `${role}: ${f}`))
  }
  if (made.length > 0) await tree.write(path, text)
  return made
}
