import type { Tree } from '../services/tree'
import { parseTypeScript } from '../source-edit/source'
import { GENERATED_DIR } from '../paths'

/** `reason` is the parser's, as `Unterminated string constant`. */
export interface ParseProblem { file: string; line?: number; reason: string }

/**
 * The registry files in the tree (as they are now) that are not valid TypeScript: the app would
 * fail at its first import of one, whatever the generator would write in its place.
 */
export async function unparsableRegistry(tree: Tree): Promise<ParseProblem[]> {
  const problems: ParseProblem[] = []
  for (const name of await tree.list(GENERATED_DIR)) {
    if (!/\.tsx?$/.test(name)) continue
    const file = `${GENERATED_DIR}/${name}`
    const text = await tree.read(file)
    if (text === null) continue
    try {
      parseTypeScript(text, { jsx: name.endsWith('.tsx') })
    } catch (error) {
      const e = error as Error & { loc?: { line: number } }
      problems.push({ file, ...(e.loc ? { line: e.loc.line } : {}), reason: e.message.replace(/ \(\d+:\d+\)$/, '').replace(/\.$/, '') })
    }
  }
  return problems
}

export const parseProblemText = (p: ParseProblem) => `${p.file}${p.line ? `:${p.line}` : ''} (${p.reason})`
