import { dirname, join, normalize } from 'node:path'
import { z } from 'zod'
import type { Tree } from '../services/tree'
import { discover, missingLine, type AppModel, type ModuleModel } from '../generator/discover'
import { walkFiles } from '../generator/files'
import { unparsableRegistry } from '../generator/parses'
import { moduleSource } from '../generator/source'
import { orphanedMigrations } from '../db/orphans'
import { declaredTables, sharedTables } from '../db/tables'
import { addTranslations } from '../source-edit/i18n'
import { names } from '../naming'
import { moduleId } from '../validation/names'
import { defineAction } from './spec'
import { count } from '../text'
import { APP_I18N, APP_MODULES, inPackage, MODULES_FILE } from '../paths'

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
    for (const root of m.roots.filter((r) => r.startsWith(`${APP_MODULES}/`))) {
      for (const rel of (await walkFiles(tree, root)).filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))) {
        const file = `${root}/${rel}`
        const text = (await tree.read(file)) ?? ''
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? match[3]!
          const other = targetModule(specifier, file, model)
          if (other && other !== m.id) {
            const fix = /\/data\/(entities|schema)\b/.test(specifier) ? `; to add data to ${other}'s entity: extension ${m.id} <Name> --base ${other}:<entity>` : ''
            findings.push({ file, line: lineOf(text, match.index!), check: 'isolation', message: `imports ${specifier} from module ${other}; modules refer to each other by id (store ${other}'s ids, call its API or listen to its events), never by import${fix}` })
          }
        }
      }
    }
  }
  return findings
}

const RELATION = /@(ManyToOne|OneToOne|OneToMany|ManyToMany)\(\s*(?:\{[^}]*?entity:\s*)?\(\)\s*=>\s*([A-Za-z_$][\w$]*)/g

/**
 * ORM relations to a class the module's entities file does not declare: a class of another module,
 * which the seeds forbid. The fix is an extension entity holding the other entity's id.
 */
async function crossModuleRelations(tree: Tree, model: AppModel): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const m of model.modules) {
    if (!m.entities?.file.startsWith(`${APP_MODULES}/`)) continue
    const { file } = m.entities
    const text = (await tree.read(file)) ?? ''
    const own = new Set([...text.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)].map((c) => c[1]!))
    for (const match of text.matchAll(RELATION)) {
      const target = match[2]!
      if (own.has(target)) continue
      const from = new RegExp(`import\\s*(?:type\\s*)?\\{[^}]*\\b${target}\\b[^}]*\\}\\s*from\\s*['"]([^'"]+)['"]`).exec(text)?.[1]
      const other = from ? targetModule(from, file, model) : null
      const base = other ? `${other}:${names(target).snake}` : `<module>:${names(target).snake}`
      findings.push({ file, line: lineOf(text, match.index!), check: 'isolation', message: `@${match[1]}(() => ${target}) relates to a class this module does not declare${other ? ` (module ${other})` : ''}; modules link by id: extension ${m.id} <Name> --base ${base}` })
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

interface MissingKeys { moduleDir: string; locale: string; file: string; entries: Record<string, string> }

type Dictionaries = Map<string, { file: string; values: Record<string, string> }>

/** A module's dictionaries per locale, package then app merged; a file that is not JSON is a finding. */
async function dictionariesOf(tree: Tree, m: ModuleModel, findings: Finding[]): Promise<Dictionaries> {
  const dictionaries: Dictionaries = new Map()
  for (const [locale, files] of Object.entries(m.i18n)) {
    const values: Record<string, string> = {}
    for (const f of files) {
      try {
        Object.assign(values, JSON.parse((await moduleSource(tree).read(f.file)) ?? '{}'))
      } catch {
        findings.push({ file: f.file, check: 'i18n', message: 'is not valid JSON' })
      }
    }
    dictionaries.set(locale, { file: files.at(-1)!.file, values })
  }
  return dictionaries
}

/**
 * Keys each locale defines anywhere. Open Mercato serves one dictionary per locale, merged from every
 * module's and the app's own src/i18n/<locale>.json, so a key defined there is no module's to repeat.
 */
async function definedKeys(tree: Tree, perModule: Dictionaries[]): Promise<Map<string, Set<string>>> {
  const defined = new Map<string, Set<string>>()
  const add = (locale: string, values: object) => {
    const keys = defined.get(locale) ?? defined.set(locale, new Set()).get(locale)!
    for (const key of Object.keys(values)) keys.add(key)
  }
  for (const dictionaries of perModule) for (const [locale, { values }] of dictionaries) add(locale, values)
  for (const name of (await tree.list(APP_I18N)).filter((n) => n.endsWith('.json'))) {
    try {
      add(name.slice(0, -5), JSON.parse((await tree.read(`${APP_I18N}/${name}`)) ?? '{}'))
    } catch {
      // the app's own dictionary is the app's build to reject; it defines nothing here
    }
  }
  return defined
}

/**
 * Keys each locale of a module lacks: keys of its other locales, and keys its code passes to
 * translate(…) with a fallback text, unless the locale defines them elsewhere (see definedKeys).
 * The suggested value is English's, else the fallback, else the key.
 */
async function missingTranslations(tree: Tree, model: AppModel, findings: Finding[]): Promise<MissingKeys[]> {
  const perModule: Dictionaries[] = []
  for (const m of model.modules) perModule.push(await dictionariesOf(tree, m, findings))
  const defined = await definedKeys(tree, perModule)
  const result: MissingKeys[] = []
  for (const [index, m] of model.modules.entries()) {
    const dictionaries = perModule[index]!
    if (dictionaries.size === 0) continue
    const suggested = new Map<string, string>()
    for (const d of [...dictionaries.entries()].sort(([a], [b]) => Number(b === 'en') - Number(a === 'en'))) {
      for (const [key, value] of Object.entries(d[1].values)) if (!suggested.has(key)) suggested.set(key, value)
    }
    for (const root of m.roots.filter((r) => r.startsWith(`${APP_MODULES}/`))) {
      for (const rel of (await walkFiles(tree, root)).filter((f) => /\.(ts|tsx)$/.test(f))) {
        const text = (await tree.read(`${root}/${rel}`)) ?? ''
        for (const match of text.matchAll(/\b(?:translate|t)\(\s*'([a-z0-9_]+\.[\w.]+)'(?:\s*,\s*'([^']*)')?/g)) {
          if (!suggested.has(match[1]!)) suggested.set(match[1]!, match[2] ?? match[1]!)
        }
      }
    }
    for (const [locale, { file }] of dictionaries) {
      const elsewhere = defined.get(locale)!
      const entries = Object.fromEntries([...suggested].filter(([key]) => !elsewhere.has(key)))
      if (Object.keys(entries).length > 0) result.push({ moduleDir: m.roots.at(-1)!, locale, file, entries })
    }
  }
  return result
}

async function translations(tree: Tree, model: AppModel): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const { locale, file, entries } of await missingTranslations(tree, model, findings)) {
    const keys = Object.keys(entries)
    findings.push({ file, check: 'i18n', message: `locale ${locale} lacks ${count(keys.length, 'key')}: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''} (doctor --fix adds them)` })
  }
  return findings
}

/** Migrations nothing owns: a module that is not enabled, tables no entity declares. */
async function orphans(tree: Tree, model: AppModel): Promise<Finding[]> {
  const found = await orphanedMigrations(tree, model.modules.map((m) => ({ id: m.id, entities: m.entities?.file ?? null })))
  return found.map((o) => ({ file: o.file, check: 'migrations', message: o.message }))
}

/** One table declared by two modules: their migrations would fight over it. */
async function tableOwnership(tree: Pick<Tree, 'read'>, model: AppModel): Promise<Finding[]> {
  const shared = sharedTables(await declaredTables(tree, model.modules.map((m) => ({ id: m.id, entities: m.entities?.file ?? null }))))
  return shared.flatMap((ds) => ds.slice(1).map((d) => ({
    file: d.file, line: d.line, check: 'tables',
    message: `table "${d.table}" is also declared by module ${ds[0]!.module} (${ds[0]!.file}:${ds[0]!.line}); a table belongs to one module: rename one (tableName)`,
  })))
}

const common = {
  name: 'doctor',
  summary: 'check the app against the module conventions: isolation, ids, requires, route conflicts, page metadata, translations',
  positionals: [],
  input: z.object({
    fix: z.boolean().default(false).describe('repair what is safe to repair (missing translation keys) through a plan you can preview'),
  }),
  needsApp: true,
  examples: ['doctor', 'doctor --json', 'doctor --fix --dry-run --diff'],
  traits: { changesWith: 'fix' },
} as const

/** doctor --fix: the repairs as a plan, previewed and applied like any scaffold. */
const doctorFix = defineAction({
  ...common,
  kind: 'plan',
  async plan(_input, { tree, dryRun }) {
    const model = await discover(tree, { lenient: true })
    const missing = (await missingTranslations(tree, model, [])).filter((m) => m.moduleDir.startsWith(`${APP_MODULES}/`))
    for (const { moduleDir, locale, entries } of missing) await addTranslations(tree, moduleDir, entries, locale)
    const added = missing.reduce((n, m) => n + Object.keys(m.entries).length, 0)
    const keys = count(added, 'missing translation key')
    const summary = added === 0 ? 'no missing translation keys' : dryRun ? `would add ${keys}` : `${keys} added`
    return { summary: `doctor --fix: ${summary}`, notes: ['run doctor again for what --fix does not repair'] }
  },
})

const findingLine = (f: Finding) => `${f.file}${f.line ? `:${f.line}` : ''}: [${f.check}] ${f.message}`

const doctorReport = defineAction({
  ...common,
  kind: 'report',
  async report(_input, { tree }) {
    const model = await discover(tree, { lenient: true })
    const found: Finding[] = model.warnings
      .filter((w) => !/^has no metadata( export|\.queue);/.test(w.message))
      .map((w) => ({ file: w.file ?? MODULES_FILE, ...(w.line ? { line: w.line } : {}), check: 'registry', message: w.message }))
    for (const p of await unparsableRegistry(tree)) found.push({ file: p.file, ...(p.line ? { line: p.line } : {}), check: 'registry', message: `does not parse (${p.reason}); run: create-mercato-module generate` })
    for (const m of model.missing) found.push({ file: MODULES_FILE, check: 'missing-module', message: missingLine(m) })
    // a module a package ships is named by the package; the app answers for the ids of its own
    for (const m of model.modules.filter((x) => x.from === '@app')) {
      const problem = moduleId.safeParse(m.id)
      if (!problem.success) found.push({ file: MODULES_FILE, check: 'naming', message: `module id ${problem.error.issues[0]!.message}` })
    }
    const sources = new Map<string, string>()
    const source = moduleSource(tree)
    for (const page of model.modules.flatMap((m) => m.pages)) sources.set(page.file, (await source.read(page.file)) ?? '')
    found.push(...(await isolation(tree, model)), ...(await crossModuleRelations(tree, model)), ...pageMetadata(model, sources), ...(await translations(tree, model)), ...(await tableOwnership(source, model)), ...(await orphans(tree, model)))
    const unique = [...new Map(found.map((f) => [findingLine(f), f])).values()]
    // what a package's own files hold is reported, but fails nothing: the app cannot change those files
    const findings = unique.filter((f) => !inPackage(f.file))
    const notes = unique.filter((f) => inPackage(f.file))
    const aside = notes.length === 0 ? [] : [`note: ${count(notes.length, 'note')} on files of packages, not yours to fix, left out (doctor --json lists them)`]
    const text = findings.length === 0
      ? [`doctor: ${count(model.modules.length, 'module')}, no findings`, ...aside].join('\n')
      : [...findings.map(findingLine), `doctor: ${count(findings.length, 'finding')}`, ...aside].join('\n')
    return { text, data: { findings, notes }, exitCode: findings.length === 0 ? 0 : 1 }
  },
})

export const doctorAction = defineAction({
  ...doctorReport,
  async select(input) {
    return input.fix ? doctorFix : doctorReport
  },
})
