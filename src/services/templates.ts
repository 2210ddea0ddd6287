// node:fs, not the FileSystem service, for the built-in templates only: they are this package's own
// files (templates/ beside dist/), part of the program like its code, and an in-memory FileSystem
// for tests holds the app, not a copy of the package. An app's overrides go through the FileSystem.
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { names, type Names } from '../naming'
import { tsLiteral } from '../quote'
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

/**
 * `template-history/<version>/` of the package holds, for each release, the templates the next
 * release changed, as they were: a release's template set is its own folder, then each later one,
 * then `templates/`. Upgrade renders a base from it for manifests that did not keep their text.
 */
export const PACKAGE_TEMPLATE_HISTORY = fileURLToPath(new URL('../template-history/', import.meta.url))

type RenderString = (template: string, data: Record<string, unknown>) => string

/**
 * Templates are Handlebars files rendered with plop's helpers (camelCase, pascalCase, snakeCase, ...)
 * plus ours: `{{ts value}}` writes any value as a TypeScript literal (strings quoted
 * and escaped, arrays, objects) and `{{names value 'className'}}` any spelling from `names()`.
 * An app overrides a template by putting a file with the same relative path under
 * `.mercato/templates/`, the same app-over-package rule Open Mercato applies to modules.
 */
export function createPlopTemplates(fs: FileSystem, packageDir = PACKAGE_TEMPLATES, historyDir = PACKAGE_TEMPLATE_HISTORY): TemplateRenderer {
  return plopRenderer({ asOf: (version) => templatesAsOf(version, fs, packageDir, historyDir), releases: () => historyVersions(fs, historyDir), builtIns: () => builtInsOf(packageDir) }, async (name, appRoot) => {
    const override = appRoot ? await fs.readText(join(appRoot, TEMPLATES_DIR, name)) : null
    return override !== null ? { text: override, overridden: true } : { text: await readFile(join(packageDir, name), 'utf8'), overridden: false }
  })
}

const versionParts = (v: string) => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0)
/** Orders release versions (0.1.0 < 0.2.0 < 0.10.0). */
function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  return 0
}

/** Every built-in template, as its path under templates/ ("page/page.tsx.hbs"), sorted. */
async function builtInsOf(packageDir: string): Promise<string[]> {
  const entries = await readdir(packageDir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(packageDir, join(e.parentPath, e.name)).split(sep).join('/')).sort(bySegments)
}

/** The releases `template-history/` knows, oldest first. */
async function historyVersions(fs: FileSystem, historyDir: string): Promise<string[]> {
  return (await fs.readDir(historyDir)).filter((e) => e.isDirectory).map((e) => e.name).sort(compareVersions)
}

/** The package's templates as release `version` shipped them (no app overrides: none were recorded). */
function templatesAsOf(version: string, fs: FileSystem, packageDir: string, historyDir: string): TemplateRenderer {
  let layers: Promise<string[]> | undefined
  return plopRenderer({ asOf: (other) => templatesAsOf(other, fs, packageDir, historyDir), releases: () => historyVersions(fs, historyDir), builtIns: () => builtInsOf(packageDir) }, async (name) => {
    layers ??= historyVersions(fs, historyDir).then((all) => all.filter((v) => compareVersions(v, version) >= 0).map((v) => join(historyDir, v)))
    for (const dir of await layers) {
      const text = await fs.readText(join(dir, name))
      if (text !== null) return { text, overridden: false }
    }
    return { text: await readFile(join(packageDir, name), 'utf8'), overridden: false }
  })
}

/**
 * The Handlebars environment the templates render in: plop's built-in helpers (node-plop 0.32's set,
 * which app overrides may use: camelCase, pascalCase, ...; `pkg` reads nothing without a plopfile, so
 * it is always empty) plus ours. Handlebars and change-case are loaded directly: node-plop itself
 * also brought its generator runner, globbing and file helpers into every scaffolding run.
 */
async function handlebarsEngine(): Promise<RenderString> {
  const [{ default: Handlebars }, cases, { titleCase }] = await Promise.all([import('handlebars'), import('change-case'), import('title-case')])
  const hbs = Handlebars.create()
  const helpers: Record<string, (...args: never[]) => unknown> = {
    pkg: () => '',
    camelCase: cases.camelCase, snakeCase: cases.snakeCase, dotCase: cases.dotCase, pathCase: cases.pathCase,
    lowerCase: (str: string) => str.toLowerCase(), upperCase: (str: string) => str.toUpperCase(),
    sentenceCase: cases.sentenceCase, constantCase: cases.constantCase, titleCase,
    dashCase: cases.kebabCase, kabobCase: cases.kebabCase, kebabCase: cases.kebabCase,
    properCase: cases.pascalCase, pascalCase: cases.pascalCase,
    // an object with toHTML is Handlebars' "safe string": written as is, never HTML-escaped
    ts: (value: unknown) => ({ toHTML: () => tsLiteral(value) }),
    names: (value: unknown, form: unknown) => names(String(value))[form as keyof Names],
  }
  for (const [name, helper] of Object.entries(helpers)) hbs.registerHelper(name, helper as never)
  // a template renders more than once in one run (a file per locale, per field): compile it once
  const compiled = new Map<string, HandlebarsTemplateDelegate>()
  return (template, data) => {
    let render = compiled.get(template)
    if (!render) compiled.set(template, (render = hbs.compile(template)))
    return render(data)
  }
}

function plopRenderer(history: Pick<TemplateRenderer, 'asOf' | 'releases' | 'builtIns'>, source: TemplateRenderer['source']): TemplateRenderer {
  let renderString: Promise<RenderString> | undefined
  return {
    source,
    ...history,
    async render(name, data, appRoot) {
      // only commands that render pay for Handlebars
      renderString ??= handlebarsEngine()
      return (await renderString)((await source(name, appRoot)).text, data)
    },
  }
}
