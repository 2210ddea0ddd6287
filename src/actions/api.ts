import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { joinUrl, refuseWholeUrl, routeKey } from '../app/routes'
import { UsageError } from '../errors'
import { HTTP_METHODS, type HttpMethod } from '../generator/api'
import { discover } from '../generator/discover'
import { ensureFeatures } from '../source-edit/acl'
import { ensureSchemas } from '../source-edit/validators'
import { featureId, moduleId, routePath } from '../validation/names'
import { names } from '../naming'
import { featureTitle, writeScaffold } from './scaffold'
import { defineAction, list } from './spec'

const input = z.object({
  module: moduleId.describe('the module the route belongs to'),
  path: routePath.default('').describe('path below /api/<module>, e.g. "stats" or "orders/[id]"; a leading "/" is allowed (empty: /api/<module>)'),
  // `get,post` means GET,POST: methods are matched without regard to case
  methods: list(z.preprocess((m) => (typeof m === 'string' ? m.toUpperCase() : m), z.enum(HTTP_METHODS)))
    .refine((m) => m.length > 0, 'give at least one method')
    .refine((m) => new Set(m).size === m.length, 'a method is listed twice')
    .default(['GET'])
    .describe(`HTTP methods, comma-separated: ${HTTP_METHODS.join(',')}`),
  public: z.boolean().default(false).describe('no sign-in required (requireAuth: false)'),
  requireFeatures: list(featureId).optional().describe('features required for every method (default: <module>.view for GET, <module>.manage otherwise)').meta({ examples: ['billing.invoices.manage'] }),
})

const camel = (s: string) => names(s).propertyName
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export const apiAction = defineAction({
  kind: 'plan',
  name: 'api',
  summary: 'add an API route (api/<path>/route.ts) with metadata, openApi and zod validators',
  positionals: ['module', 'path'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['api billing stats', 'api billing "invoices/[id]" --methods GET,PUT,DELETE', 'api billing webhook --methods POST --public'],
  async plan(i, { tree, templates, force, app }) {
    refuseWholeUrl(i.path, 'api', i.module)
    const dir = await requireAppModule(tree, i.module)
    const segs = i.path ? i.path.split('/') : []
    const registryPath = joinUrl(i.module, ...segs)
    const url = `/api${registryPath}`
    const file = `${dir}/api/${[...segs, 'route.ts'].join('/')}`

    const base = camel(`${i.module}-${segs.map((s) => s.replace(/[[\].]/g, '')).join('-')}`)
    const schemas = { query: `${base}QuerySchema`, body: `${base}BodySchema`, response: `${base}ResponseSchema` }
    const featureFor = (method: string) => i.requireFeatures ?? (i.public ? [] : [`${i.module}.${method === 'GET' ? 'view' : 'manage'}`])
    const render = (wanted: readonly HttpMethod[]) => {
      const hasBody = wanted.some((m) => BODY_METHODS.has(m))
      const hasQuery = wanted.some((m) => !BODY_METHODS.has(m))
      return templates.render('api/route.ts.hbs', {
        methods: HTTP_METHODS.filter((m) => wanted.includes(m)).map((name) => ({
          name,
          hasBody: BODY_METHODS.has(name),
          isDelete: name === 'DELETE',
          status: name === 'POST' ? 201 : 200,
          operationId: camel(`${name.toLowerCase()}-${base}`),
          feature: featureFor(name),
        })),
        url,
        schemas,
        requireAuth: !i.public,
        schemaImports: [...(hasQuery ? [schemas.query] : []), ...(hasBody ? [schemas.body] : []), schemas.response].join(', '),
        validatorsImport: `${'../'.repeat(segs.length + 1)}data/validators`,
        tag: names(i.module).title,
        summary: `${names(i.module).title}: ${url}`,
      }, app!.root)
    }

    const { modules } = await discover(tree, { alsoAppModules: [i.module], lenient: true })
    const taken = modules.flatMap((m) => m.api).filter((r) => routeKey(r.path) === routeKey(registryPath))
    for (const route of taken.filter((r) => r.file !== file)) {
      const clash = route.methods.find((m) => i.methods.includes(m))
      if (clash) throw new UsageError(`${clash} ${url} is already handled by ${route.file}; choose another path or method`)
    }
    let wanted: HttpMethod[] = i.methods
    let extending = false
    const own = taken.find((r) => r.file === file)
    const adding = own ? i.methods.filter((m) => !own.methods.includes(m)) : []
    if (own && adding.length > 0) {
      // an untouched scaffold is rewritten with every method; an edited one is the user's to extend
      extending = (await tree.read(file)) === (await render(own.methods))
      if (extending) wanted = HTTP_METHODS.filter((m) => own.methods.includes(m) || i.methods.includes(m))
      else if (!force) throw new UsageError(`${file} was edited after it was scaffolded (it serves ${own.methods.join(', ')}); add ${adding.join(', ')} to it by hand`)
    }
    const hasBody = wanted.some((m) => BODY_METHODS.has(m))
    const hasQuery = wanted.some((m) => !BODY_METHODS.has(m))
    await writeScaffold(tree, file, await render(wanted), force || extending)
    const schema = async (kind: 'query' | 'body' | 'response') => ({
      name: schemas[kind],
      code: await templates.render(`api/${kind}-schema.ts.hbs`, { name: schemas[kind], type: `${names(base).className}Body` }, app!.root),
    })
    await ensureSchemas(tree, dir, [
      ...(hasQuery ? [await schema('query')] : []),
      ...(hasBody ? [await schema('body')] : []),
      await schema('response'),
    ])
    const features = [...new Set(wanted.flatMap(featureFor))]
    const added = await ensureFeatures(tree, i.module, features.map((id) => ({ id, title: featureTitle(id) })), { templates, appRoot: app!.root })
    return {
      summary: `api ${wanted.join(',')} ${url} in module ${i.module}`,
      notes: added.length > 0 ? [`declared ${added.join(', ')} in ${dir}/acl.ts`] : [],
      next: ['npx create-mercato-module list'],
    }
  },
})
