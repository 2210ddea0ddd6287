import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { names, tsLiteral, type Names } from '../naming'
import type { FileSystem, TemplateRenderer } from './types'
import { TEMPLATES_DIR } from '../paths'

/** `templates/` of the package: dist/*.js sits one folder below the package root. */
export const PACKAGE_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url))

/** Folder by folder, as a tree is walked: `a/c` before `a-b`, each folder's names sorted. */
function bySegments(a: string, b: string): number {
  const [x, y] = [a.split('/'), b.split('/')]
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1
  return x.length - y.length
}

type RenderString = (template: string, data: Record<string, unknown>) => string

/**
 * Templates are Handlebars files rendered through node-plop (its helpers: camelCase, pascalCase,
 * snakeCase, ...) plus ours: `{{ts value}}` writes any value as a TypeScript literal (strings quoted
 * and escaped, arrays, objects) and `{{names value 'className'}}` any spelling from `names()`.
 * An app overrides a template by putting a file with the same relative path under
 * `.mercato/templates/`, the same app-over-package rule Open Mercato applies to modules.
 */
export function createPlopTemplates(fs: FileSystem, packageDir = PACKAGE_TEMPLATES): TemplateRenderer {
  let renderString: Promise<RenderString> | undefined
  const engine = () => {
    // node-plop pulls in inquirer and handlebars; only commands that render pay for it.
    renderString ??= import('node-plop').then(async ({ default: nodePlop }) => {
      const plop = await nodePlop()
      // an object with toHTML is Handlebars' "safe string": written as is, never HTML-escaped
      plop.setHelper('ts', (value: unknown) => ({ toHTML: () => tsLiteral(value) }))
      plop.setHelper('names', (value: unknown, form: unknown) => names(String(value))[form as keyof Names])
      return (template, data) => plop.renderString(template, data)
    })
    return renderString
  }
  const source: TemplateRenderer['source'] = async (name, appRoot) => {
    const override = appRoot ? await fs.readText(join(appRoot, TEMPLATES_DIR, name)) : null
    return override !== null ? { text: override, overridden: true } : { text: await readFile(join(packageDir, name), 'utf8'), overridden: false }
  }
  return {
    source,
    async builtIns() {
      const entries = await readdir(packageDir, { recursive: true, withFileTypes: true })
      return entries.filter((e) => e.isFile()).map((e) => relative(packageDir, join(e.parentPath, e.name)).split(sep).join('/')).sort(bySegments)
    },
    async render(name, data, appRoot) {
      return (await engine())((await source(name, appRoot)).text, data)
    },
  }
}
