import { dirname, join, normalize } from 'node:path'
import { z } from 'zod'
import type { Tree } from '../engine/tree'
import { discover, type AppModel } from '../generator/discover'
import { walkFiles } from '../generator/files'
import { moduleId } from '../validation/names'
import { defineAction } from './spec'

export interface Finding { file: string; line?: number; check: string; message: string }

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length

/** The module a specifier reaches into, if it is another module's file (relative, `@/modules/…` or `<pkg>/modules/…`). */
function targetModule(specifier: string, fromFile: string, model: AppModel): string | null {
  if (specifier.startsWith('.')) {
    const resolved = normalize(join(dirname(fromFile), specifier)).split('\\').join('/')
    const m = /^src\/modules\/([^/]+)\//.exec(`${resolved}/`)
    return m ? m[1]! : null
  }
  const alias = /^@\/modules\/([^/]+)/.exec(specifier)
  if (alias) return alias[1]!
  const pkg = model.modules.find((mod) => mod.from !== '@app' && specifier.startsWith(`${mod.from}/modules/${mod.id}`))
  return pkg ? pkg.id : null
}

/** Module isolation (the seeds): a module never imports another module's files; it refers to them by id. */
async function isolation(tree: Tree, model: AppModel): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const m of model.modules) {
    for (const root of m.roots.filter((r) => r.startsWith('src/modules/'))) {
      for (const rel of (await walkFiles(tree, root)).filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))) {
        const file = `${root}/${rel}`
        const text = (await tree.read(file)) ?? ''
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? match[3]!
          const other = targetModule(specifier, file, model)
          if (other && other !== m.id) {
            findings.push({ file, line: lineOf(text, match.index!), check: 'isolation', message: `imports ${specifier} from module ${other}; modules refer to each other by id (store ${other}'s ids, call its API or listen to its events), never by import` })
          }
        }
      }
    }
  }
  return findings
}

/** Pages should carry their metadata next to them (guards, title, navigation). */
function pageMetadata(model: AppModel, sources: Map<string, string>): Finding[] {
  return model.modules.flatMap((m) => m.pages)
    .filter((p) => !p.meta && !/export\s+const\s+metadata\b/.test(sources.get(p.file) ?? ''))
    .map((p) => ({ file: p.file, check: 'page-metadata', message: `${p.url} has no page.meta.ts, meta.ts or inline metadata, so it has no guards and no title; add ${p.file.replace(/\.(tsx|jsx|js|ts)$/, '.meta.ts')}` }))
}

/** Every key of a module's dictionaries exists in each of its locales, and every key its code translates exists. */
async function translations(tree: Tree, model: AppModel): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const m of model.modules) {
    const locales = Object.entries(m.i18n)
    if (locales.length === 0) continue
    const dictionaries = new Map<string, { file: string; keys: Set<string> }>()
    for (const [locale, files] of locales) {
      const keys = new Set<string>()
      for (const f of files) {
        try {
          for (const key of Object.keys(JSON.parse((await tree.read(f.file)) ?? '{}'))) keys.add(key)
        } catch {
          findings.push({ file: f.file, check: 'i18n', message: 'is not valid JSON' })
        }
      }
      dictionaries.set(locale, { file: files.at(-1)!.file, keys })
    }
    const all = new Set([...dictionaries.values()].flatMap((d) => [...d.keys]))
    for (const root of m.roots.filter((r) => r.startsWith('src/modules/'))) {
      for (const rel of (await walkFiles(tree, root)).filter((f) => /\.(ts|tsx)$/.test(f))) {
        const text = (await tree.read(`${root}/${rel}`)) ?? ''
        for (const match of text.matchAll(/\b(?:translate|t)\(\s*'([a-z0-9_]+\.[\w.]+)'/g)) all.add(match[1]!)
      }
    }
    for (const [locale, { file, keys }] of dictionaries) {
      const missing = [...all].filter((k) => !keys.has(k))
      if (missing.length > 0) findings.push({ file, check: 'i18n', message: `locale ${locale} lacks ${missing.length} key(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}` })
    }
  }
  return findings
}

export const doctorAction = defineAction({
  name: 'doctor',
  summary: 'check the app against the module conventions: isolation, ids, requires, route conflicts, page metadata, translations',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  examples: ['doctor', 'doctor --json'],
  async plan() {
    return { summary: 'doctor changes nothing' }
  },
  async report(_input, { tree }) {
    const model = await discover(tree, { lenient: true })
    const findings: Finding[] = model.warnings
      .filter((w) => !/no metadata export|has no metadata\.queue|not installed; skipped/.test(w))
      .map((message) => ({ file: 'src/modules.ts', check: 'registry', message }))
    for (const m of model.modules) {
      const problem = moduleId.safeParse(m.id)
      if (!problem.success) findings.push({ file: 'src/modules.ts', check: 'naming', message: `module id ${problem.error.issues[0]!.message}` })
    }
    const sources = new Map<string, string>()
    for (const page of model.modules.flatMap((m) => m.pages)) sources.set(page.file, (await tree.read(page.file)) ?? '')
    findings.push(...(await isolation(tree, model)), ...pageMetadata(model, sources), ...(await translations(tree, model)))
    const text = findings.length === 0
      ? `doctor: ${model.modules.length} module(s), no findings`
      : [...findings.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: [${f.check}] ${f.message}`), `doctor: ${findings.length} finding(s)`].join('\n')
    return { text, data: { findings }, exitCode: findings.length === 0 ? 0 : 1 }
  },
})
