import type { Node } from '@babel/types'
import { posix } from 'node:path'
import { parseTypeScript } from './source'
import { tsString, type Quote } from '../quote'

/**
 * A package module's file copied into the app can no longer reach its siblings by relative path:
 * every relative specifier becomes the package's own (`<pkg>/modules/<id>/<path>`, or `<pkg>/<path>`
 * for files outside the module folder). `file` is the path inside the module; other bytes stay.
 */
export function rehomeImports(text: string, file: string, pkg: string, moduleId: string): { text: string; rewritten: number } {
  const ast = parseTypeScript(text, { jsx: /\.(tsx|jsx|js)$/.test(file) })
  const sources: Array<{ start: number; end: number; value: string }> = []
  const visit = (node: Node | null | undefined) => {
    if (!node || typeof node !== 'object') return
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
      sources.push({ start: node.source.start!, end: node.source.end!, value: node.source.value })
    }
    if (node.type === 'CallExpression' && (node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require'))) {
      const arg = node.arguments[0]
      if (arg?.type === 'StringLiteral') sources.push({ start: arg.start!, end: arg.end!, value: arg.value })
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v as Node))
      else if (value && typeof value === 'object' && 'type' in value) visit(value as Node)
    }
  }
  visit(ast.program)
  let out = text
  let rewritten = 0
  for (const s of sources.filter((x) => x.value.startsWith('.')).sort((a, b) => b.start - a.start)) {
    const inModule = posix.normalize(posix.join(posix.dirname(file), s.value))
    const target = inModule.startsWith('../') ? posix.normalize(posix.join('modules', moduleId, inModule)) : `modules/${moduleId}/${inModule}`
    out = `${out.slice(0, s.start)}${tsString(`${pkg}/${target}`, out[s.start] as Quote)}${out.slice(s.end)}`
    rewritten++
  }
  return { text: out, rewritten }
}
