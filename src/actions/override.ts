import { count } from '../text'
import { z } from 'zod'
import { enabledModuleIds } from '../app/pickers'
import { UsageError } from '../errors'
import { discover } from '../generator/discover'
import { walkFiles } from '../generator/files'
import { moduleSource } from '../generator/source'
import { rehomeImports } from '../source-edit/rehome-imports'
import { moduleId } from '../validation/names'
import { writeScaffold } from './scaffold'
import { defineAction } from './spec'
import { APP_MODULES, moduleDir } from '../paths'

const SEGMENT = /^(?:[A-Za-z0-9_@-][A-Za-z0-9_.@-]*|\[{1,2}(?:\.\.\.)?[A-Za-z_][A-Za-z0-9_]*\]{1,2})$/

const modulePath = z.string().transform((v) => v.trim().replace(/^\/+|\/+$/g, '')).superRefine((value, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
  if (value === '') return issue('must name a file of the module, e.g. backend/page.tsx')
  for (const segment of value.split('/')) {
    if (segment === '.' || segment === '..') return issue('must not contain "." or ".." segments')
    if (!SEGMENT.test(segment)) return issue(`segment "${segment}" is not a file or folder name`)
  }
})

const CODE = ['.ts', '.tsx', '.js', '.jsx']

export const overrideAction = defineAction({
  kind: 'plan',
  name: 'override',
  summary: 'copy a file of a package module into src/modules/<module>/ so the app serves its own version',
  positionals: ['module', 'path'],
  input: z.object({
    module: moduleId.describe('an enabled module that comes from a package'),
    path: modulePath.describe('the file inside the module, e.g. backend/auth/login/page.tsx or api/users/route.ts (extension optional)'),
  }),
  needsApp: true,
  generates: true,
  pickers: { module: enabledModuleIds },
  examples: ['override auth backend/auth/login/page.tsx', 'override customers api/people/route'],
  async plan(i, { tree, force }) {
    const model = await discover(tree, { lenient: true })
    const m = model.modules.find((x) => x.id === i.module)
    if (!m) throw new UsageError(`module "${i.module}" is not enabled (or its package is not installed); override takes a module enabled from a package`)
    const pkg = m.roots[0]
    if (m.from === '@app' || !pkg || pkg.startsWith(`${APP_MODULES}/`)) throw new UsageError(`module "${i.module}" is the app's own (src/modules/${i.module}); edit its files directly`)
    const source = moduleSource(tree)
    const files = await walkFiles(source, pkg)
    const bare = i.path.replace(/\.(tsx?|jsx?)$/, '')
    const rel = files.find((f) => f === i.path) ?? CODE.map((ext) => bare + ext).find((f) => files.includes(f))
    if (!rel) {
      const near = files.filter((f) => f.startsWith(i.path.split('/')[0]!)).slice(0, 5)
      throw new UsageError(`${i.path} is not a file of ${i.module} in ${pkg}${near.length ? `; files there include ${near.join(', ')}` : ''}`)
    }
    const original = (await source.read(`${pkg}/${rel}`))!
    const { text, rewritten } = /\.(tsx?|jsx?)$/.test(rel) ? rehomeImports(original, rel, m.from, i.module) : { text: original, rewritten: 0 }
    const target = `${moduleDir(i.module)}/${rel}`
    await writeScaffold(tree, target, text, force)

    const after = await discover(tree, { lenient: true })
    const page = after.modules.flatMap((x) => x.pages).find((p) => p.file === target)
    const api = after.modules.flatMap((x) => x.api).find((r) => r.file === target)
    const notes = [
      `app overrides package: ${target} replaces ${pkg}/${rel}${page ? `, served at ${page.url}` : api ? `, served at /api${api.path}` : ''}`,
      ...(rewritten > 0 ? [`${count(rewritten, 'relative import')} now name ${m.from}/modules/${i.module}/…, since the copy no longer sits next to them`] : []),
      'undo (or deleting the copy) falls back to the package file',
    ]
    return { summary: `override ${i.module}/${rel}`, notes }
  },
})
