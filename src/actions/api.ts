import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { joinUrl, routeKey } from '../app/routes'
import { UsageError } from '../errors'
import { HTTP_METHODS } from '../generator/api'
import { discover } from '../generator/discover'
import { ensureFeatures } from '../source-edit/acl'
import { ensureSchemas } from '../source-edit/validators'
import { featureId, moduleId, routePath } from '../validation/names'
import { titleFromId, tsString } from './literals'
import { featureTitle, writeScaffold } from './scaffold'
import { defineAction, list } from './spec'

const input = z.object({
  module: moduleId.describe('the module the route belongs to'),
  path: routePath.default('').describe('path below /api/<module>, e.g. "stats" or "orders/[id]" (empty: /api/<module>)'),
  methods: list(z.enum(HTTP_METHODS, { message: `methods are ${HTTP_METHODS.join(', ')}` }))
    .refine((m) => m.length > 0, 'give at least one method')
    .refine((m) => new Set(m).size === m.length, 'a method is listed twice')
    .default(['GET'])
    .describe(`HTTP methods, comma-separated: ${HTTP_METHODS.join(',')}`),
  public: z.boolean().default(false).describe('no sign-in required (requireAuth: false)'),
  requireFeatures: list(featureId).optional().describe('features required for every method (default: <module>.view for GET, <module>.manage otherwise)'),
})

const camel = (s: string) => s.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c?: string) => (c ?? '').toUpperCase())
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export const apiAction = defineAction({
  name: 'api',
  summary: 'add an API route (api/<path>/route.ts) with metadata, openApi and zod validators',
  positionals: ['module', 'path'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['api sales stats', 'api sales "orders/[id]" --methods GET,PUT,DELETE', 'api sales webhook --methods POST --public'],
  async plan(i, { tree, templates, force, app }) {
    const dir = await requireAppModule(tree, i.module)
    const segs = i.path ? i.path.split('/') : []
    const registryPath = joinUrl(i.module, ...segs)
    const url = `/api${registryPath}`
    const file = `${dir}/api/${[...segs, 'route.ts'].join('/')}`

    const { modules } = await discover(tree, { alsoAppModules: [i.module], lenient: true })
    const taken = modules.flatMap((m) => m.api).filter((r) => routeKey(r.path) === routeKey(registryPath))
    for (const route of taken) {
      const clash = route.methods.find((m) => i.methods.includes(m))
      if (clash && route.file !== file) throw new UsageError(`${clash} ${url} is already handled by ${route.file}; choose another path or method`)
      if (route.file === file && !route.methods.every((m) => i.methods.includes(m)) && !force) {
        throw new UsageError(`${file} already exists with ${route.methods.join(', ')}; list those methods too, or add ${i.methods.join(', ')} to it by hand`)
      }
    }

    const base = camel(`${i.module}-${segs.map((s) => s.replace(/[[\].]/g, '')).join('-')}`)
    const schemas = { query: `${base}QuerySchema`, body: `${base}BodySchema`, response: `${base}ResponseSchema` }
    const hasBody = i.methods.some((m) => BODY_METHODS.has(m))
    const hasQuery = i.methods.some((m) => !BODY_METHODS.has(m))
    const featureFor = (method: string) => i.requireFeatures ?? (i.public ? [] : [`${i.module}.${method === 'GET' ? 'view' : 'manage'}`])
    const methods = HTTP_METHODS.filter((m) => i.methods.includes(m)).map((name) => ({
      name,
      hasBody: BODY_METHODS.has(name),
      isDelete: name === 'DELETE',
      status: name === 'POST' ? 201 : 200,
      operationId: camel(`${name.toLowerCase()}-${base}`),
      feature: featureFor(name).map(tsString).join(', '),
    }))
    const used = [...(hasQuery ? [schemas.query] : []), ...(hasBody ? [schemas.body] : []), schemas.response]
    const data = {
      methods,
      url,
      schemas,
      requireAuth: !i.public,
      schemaImports: used.join(', '),
      validatorsImport: `${'../'.repeat(segs.length + 1)}data/validators`,
      lit: { tag: tsString(titleFromId(i.module)), summary: tsString(`${titleFromId(i.module)}: ${url}`) },
    }
    await writeScaffold(tree, file, await templates.render('api/route.ts.hbs', data, app!.root), force)
    await ensureSchemas(tree, dir, [
      ...(hasQuery ? [{ name: schemas.query, code: `export const ${schemas.query} = z.object({}).catchall(z.string())` }] : []),
      ...(hasBody ? [{ name: schemas.body, code: `export const ${schemas.body} = z.object({\n  name: z.string().min(1),\n})\n\nexport type ${base[0]!.toUpperCase()}${base.slice(1)}Body = z.infer<typeof ${schemas.body}>` }] : []),
      {
        name: schemas.response,
        code: `export const ${schemas.response} = z.object({\n  ok: z.literal(true),\n  method: z.string(),\n  params: z.record(z.string(), z.union([z.string(), z.array(z.string())])),\n  query: z.record(z.string(), z.string()).optional(),\n  data: z.unknown().optional(),\n})`,
      },
    ])
    const features = [...new Set(i.methods.flatMap(featureFor))]
    const added = await ensureFeatures(tree, i.module, features.map((id) => ({ id, title: featureTitle(id) })))
    return {
      summary: `api ${i.methods.join(',')} ${url} in module ${i.module}`,
      notes: added.length > 0 ? [`declared ${added.join(', ')} in ${dir}/acl.ts`] : [],
    }
  },
})
