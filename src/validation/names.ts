import { z } from 'zod'
import { fileNameProblem, MODULE_ID_MAX, PG_IDENTIFIER_BYTES } from './identifiers'
import { openMercatoPackageOf } from './open-mercato-modules'

/**
 * Ids that the `mercato` CLI dispatches itself (conventions §8), plus names our own
 * command surface and Node tooling would shadow. A module with one of these ids
 * could never be reached through `mercato <module> <command>`.
 */
export const RESERVED_MODULE_IDS = [
  'app', 'generate', 'db', 'server', 'deploy', 'queue', 'events', 'test',
  'module', 'init', 'eject', 'umes', 'agentic', 'modules', 'node_modules',
] as const

const MODULE_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/

function traversalProblem(value: string): string | null {
  if (value.includes('..')) return 'must not contain ".."'
  if (/[\\/]/.test(value)) return 'must not contain "/" or "\\"'
  return null
}

const pathProblem = (value: string) => traversalProblem(value) ?? fileNameProblem(value)

export const moduleId = z.string().superRefine((value, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
  if (value === '') return issue('must not be empty')
  const bad = traversalProblem(value)
  if (bad) return issue(bad)
  if (!MODULE_ID.test(value)) {
    return issue(`"${value}" is not a module id: use snake_case letters and digits starting with a letter (e.g. "visits", "sales_orders")`)
  }
  if (value.length > MODULE_ID_MAX) {
    const shown = value.length > 24 ? `${value.slice(0, 20)}…` : value
    return issue(`"${shown}" is ${value.length} characters; a module id can have at most ${MODULE_ID_MAX}, so that its migrations table mikro_orm_migrations_<id> fits PostgreSQL's ${PG_IDENTIFIER_BYTES} bytes`)
  }
  if ((RESERVED_MODULE_IDS as readonly string[]).includes(value)) {
    return issue(`"${value}" is reserved by the mercato CLI; pick another id`)
  }
})

/** An id of your own to suggest instead of one that is taken. */
export const anotherId = (id: string) => `my_${id}`.slice(0, MODULE_ID_MAX).replace(/_+$/, '')

/**
 * The id of a module the app creates: besides the naming rules, not one of Open Mercato's own
 * modules, which `enable` and `override` name but a new module would clash with.
 */
export const newModuleId = moduleId.superRefine((value, ctx) => {
  const pkg = openMercatoPackageOf(value)
  if (pkg) ctx.addIssue({ code: 'custom', message: `"${value}" is a module of Open Mercato (${pkg}); a module of the app with that id would clash with it once the app enables it, so pick another id (e.g. "${anotherId(value)}")` })
})

/** npm package names for `--from` and app names: scoped or plain, lowercase, no traversal. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/
export const packageName = z.string().refine((v) => v === '@app' || PACKAGE_NAME.test(v), {
  message: 'must be "@app" or an npm package name such as "@open-mercato/core"',
})

/** Where a new app goes: any path (absolute, relative, `..`, `~`); its last segment becomes the package name. */
export const appDirName = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') return ctx.addIssue({ code: 'custom', message: 'must not be empty' })
  const base = value.split(/[\\/]/).filter((s) => s !== '' && s !== '.').at(-1) ?? ''
  if (base === '..' || base === '~') return ctx.addIssue({ code: 'custom', message: `must end in a folder name, not "${base}" (e.g. "../my-shop")` })
  if (!PACKAGE_NAME.test(base)) {
    ctx.addIssue({ code: 'custom', message: `"${base}" is not usable as a package name: use lowercase letters, digits, "-", "_" or "."` })
  }
})

const LOCALE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/
export const locale = z.string().regex(LOCALE, 'locales look like "en", "pl" or "pt-BR"')

export const semver = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a version like 0.1.0')

function pattern(re: RegExp, what: string, example: string) {
  return z.string().superRefine((value, ctx) => {
    const bad = value === '' ? 'must not be empty' : pathProblem(value)
    if (bad) return ctx.addIssue({ code: 'custom', message: bad })
    if (!re.test(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not ${what} (e.g. ${example})` })
  })
}

/** Subscriber file names: what follows `subscribers/`, without extension. */
export const fileName = pattern(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'a file name: lowercase words joined by "-" or "_"', '"send-welcome"')
export const eventId = pattern(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'an event id of the form module.entity.action', '"billing.invoice.created"')
export const featureId = pattern(/^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/, 'a feature id of the form module.action', '"billing.view" or "billing.invoices.manage"')
export const roleName = pattern(/^[a-z][a-z0-9_]*$/, 'a role name', '"admin"')
export const entityName = pattern(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, 'a snake_case entity name', '"vehicle" or "service_visit"')
export const className = pattern(/^[A-Z][A-Za-z0-9]*$/, 'a PascalCase class name', '"Vehicle" or "ServiceVisit"')
export const iconName = pattern(/^[a-z0-9][a-z0-9-]*$/, 'an icon name', '"calendar" or "shopping-cart"')

const STATIC_SEGMENT = /^[a-z0-9][a-z0-9_-]*$/
const PARAM_SEGMENT = /^\[(?:\.\.\.)?[a-zA-Z_][a-zA-Z0-9_]*\]$|^\[\[\.\.\.[a-zA-Z_][a-zA-Z0-9_]*\]\]$/

/**
 * A URL path below a module: static segments, `[id]`, and a final `[...slug]` or `[[...slug]]`. Empty is
 * the module root. A leading or trailing `/` is dropped on purpose: `/reports` is how a URL is written,
 * and the path is always below the module's URL (or, for a frontend page, the URL itself), so it means
 * the same as `reports`.
 */
export const routePath = z.string().transform((v) => v.trim().replace(/^\/+|\/+$/g, '')).superRefine((value, ctx) => {
  if (value === '') return
  const segments = value.split('/')
  const params = new Set<string>()
  for (const [i, segment] of segments.entries()) {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
    const tooLong = fileNameProblem(segment)
    if (tooLong) return issue(tooLong)
    if (segment === '..' || segment === '.') return issue('must not contain "." or ".." segments')
    if (segment === '') return issue('must not contain empty segments ("//")')
    if (!STATIC_SEGMENT.test(segment) && !PARAM_SEGMENT.test(segment)) {
      return issue(`segment "${segment}" is neither lowercase text nor a parameter like [id], [...slug] or [[...slug]]`)
    }
    if (segment.includes('...') && i !== segments.length - 1) return issue(`catch-all "${segment}" must be the last segment`)
    if (!segment.startsWith('[')) continue
    const param = segment.replace(/[[\].]/g, '')
    if (params.has(param)) return issue(`parameter "${param}" appears twice; each dynamic segment needs its own name`)
    params.add(param)
  }
})
