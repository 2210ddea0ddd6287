import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { starterApp, typecheck } from './helpers.ts'

/**
 * Probes of the starter app's declarations under types/open-mercato/: each small module must pass or
 * fail the real tsc exactly as it does against Open Mercato's own declarations (packages/shared/src),
 * with the same error code. The verdicts were measured by compiling these probes against Open
 * Mercato's sources; they cover the 16 measured differences of issue 8 (8 that let wrong code pass,
 * 8 that rejected code Open Mercato accepts) plus ce.ts kinds, createModuleEvents, and the worker
 * and subscriber types of @open-mercato/queue and @open-mercato/events.
 */
const PROBES: Array<[name: string, verdict: 'pass' | `TS${number}`, source: string]> = [
  ['container-register-plain-value', 'TS2353', "import type { AppContainer } from '@open-mercato/shared/lib/di/container'\nexport function register(container: AppContainer) {\n  container.register({ s: { hello: 1 } })\n}\n"],
  ['container-register-resolver', 'pass', "import { asValue } from 'awilix'\nimport type { AppContainer } from '@open-mercato/shared/lib/di/container'\nexport function register(container: AppContainer) {\n  container.register({ s: asValue({ hello: 1 }) })\n  container.register('t', asValue(2))\n}\n"],
  ['setup-seedDefaults-sync', 'TS2322', "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\nexport const setup: ModuleSetupConfig = { seedDefaults: () => {} }\n"],
  ['setup-onTenantCreated-sync', 'TS2322', "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\nexport const setup: ModuleSetupConfig = { onTenantCreated: () => {} }\n"],
  ['setup-seedExamples-sync', 'TS2322', "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\nexport const setup: ModuleSetupConfig = { seedExamples: () => {} }\n"],
  ['setup-context-em-container', 'pass', "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\nexport const setup: ModuleSetupConfig = {\n  async onTenantCreated({ em, tenantId, organizationId }) { await em.flush(); void tenantId.length; void organizationId.length },\n  async seedDefaults({ em, container }) { em.clear(); container.resolve('em') },\n}\n"],
  ['setup-custom-role-keys', 'pass', "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\nexport const setup: ModuleSetupConfig = { defaultRoleFeatures: { superadmin: ['x.*'], accountant: ['x.view'] }, defaultCustomerRoleFeatures: { buyer: ['x.view'], wholesaler: ['x.view'] } }\n"],
  ['page-icon-object', 'TS2353', "import type { PageMetadata } from '@open-mercato/shared/modules/registry'\nexport const metadata: PageMetadata = { icon: { name: 'box' } }\n"],
  ['page-icon-name-or-node', 'pass', "import { createElement } from 'react'\nimport type { PageMetadata } from '@open-mercato/shared/modules/registry'\nexport const a: PageMetadata = { icon: 'box' }\nexport const b: PageMetadata = { icon: createElement('svg') }\n"],
  ['page-titleKey', 'pass', "import type { PageMetadata } from '@open-mercato/shared/modules/registry'\nexport const metadata: PageMetadata = { title: 'Orders', titleKey: 'sales.orders' }\n"],
  ['page-nav', 'pass', "import type { PageMetadata } from '@open-mercato/shared/modules/registry'\nexport const metadata: PageMetadata = { requireCustomerAuth: true, nav: { label: 'Orders', labelKey: 'portal.orders', group: 'main', order: 1, icon: 'box' } }\n"],
  ['page-placement', 'pass', "import type { PageMetadata } from '@open-mercato/shared/modules/registry'\nexport const metadata: PageMetadata = { pageContext: 'settings', placement: { section: 'sales', sectionLabel: 'Sales', order: 3 } }\n"],
  ['module-info-homepage', 'pass', "import type { ModuleInfo } from '@open-mercato/shared/modules/registry'\nexport const metadata: ModuleInfo = { name: 'sales', homepage: 'https://example.com', copyright: 'me' }\n"],
  ['openapi-contentType-example-headers', 'pass', "import { z } from 'zod'\nimport type { OpenApiRouteDoc } from '@open-mercato/shared/lib/openapi'\nexport const openApi: OpenApiRouteDoc = { methods: { POST: { headers: z.object({ 'x-key': z.string() }), requestBody: { contentType: 'multipart/form-data', schema: z.object({}), example: { a: 1 } }, responses: [{ status: 200, example: { ok: true }, mediaType: 'application/json' }] } } }\n"],
  ['auth-context-not-null-checked', 'TS18047', "import type { AuthContext } from '@open-mercato/shared/lib/auth/server'\nexport const subject = (auth: AuthContext) => auth.sub\n"],
  ['auth-context-fields', 'pass', "import type { AuthContext } from '@open-mercato/shared/lib/auth/server'\nexport const who = (auth: AuthContext) => (auth ? [auth.email, auth.userId, auth.isApiKey, auth.sid, auth.keyName] : null)\nexport const none: AuthContext = null\n"],
  ['translations-dictionary', 'TS2339', "import { resolveTranslations } from '@open-mercato/shared/lib/i18n/server'\nexport async function title() {\n  const { dictionary } = await resolveTranslations()\n  return dictionary['x']\n}\n"],
  ['translations-dict-t-translate', 'pass', "import { resolveTranslations } from '@open-mercato/shared/lib/i18n/server'\nexport async function title() {\n  const { locale, dict, t, translate } = await resolveTranslations()\n  return [locale, dict['x'], t('a', { n: 1 }), translate('b', 'B', { n: 2 })].join()\n}\n"],
  ['custom-entity-wrong-kind', 'TS2820', "import type { CustomEntitySpec } from '@open-mercato/shared/modules/entities'\nexport const entities: CustomEntitySpec[] = [{ id: 'sales:note', fields: [{ key: 'body', kind: 'txt' }] }]\n"],
  ['custom-entity-kinds', 'pass', "import type { CustomEntitySpec } from '@open-mercato/shared/modules/entities'\nexport const entities = [{ id: 'sales:note', label: 'Note', showInSidebar: true, fields: [{ key: 'body', kind: 'multiline', required: true }, { key: 'at', kind: 'datetime' }, { key: 'tier', kind: 'select', options: ['a', 'b'] }] }] satisfies CustomEntitySpec[]\n"],
  ['events-createModuleEvents-undeclared', 'TS2345', "import { createModuleEvents } from '@open-mercato/shared/modules/events'\nconst config = createModuleEvents({ moduleId: 'sales', events: [{ id: 'sales.order.created', label: 'Created' }] as const })\nexport const go = () => config.emit('sales.order.exploded', { id: '1' })\n"],
  ['events-createModuleEvents-declared', 'pass', "import { createModuleEvents } from '@open-mercato/shared/modules/events'\nconst config = createModuleEvents({ moduleId: 'sales', events: [{ id: 'sales.order.created', label: 'Created', entity: 'order', category: 'crud' }] as const })\nexport const go = () => config.emit('sales.order.created', { id: '1', tenantId: null }, { persistent: true })\n"],
  ['queue-worker-handler', 'pass', "import type { JobContext, QueuedJob, WorkerMeta } from '@open-mercato/queue'\nexport const metadata: WorkerMeta = { queue: 'sales-sync', concurrency: 2 }\nexport default async function handle(job: QueuedJob<{ orderId: string }>, ctx: JobContext & { resolve: <T>(name: string) => T }) {\n  void [job.payload.orderId, job.createdAt, ctx.attemptNumber, ctx.queueName, ctx.resolve('em')]\n}\n"],
  ['queue-job-payload-typed', 'TS2339', "import type { QueuedJob } from '@open-mercato/queue'\nexport const read = (job: QueuedJob<{ orderId: string }>) => job.payload.customerId\n"],
  ['events-subscriber-context', 'pass', "import type { EventBus, SubscriberContext } from '@open-mercato/events'\nexport default async function handle(payload: { id: string }, ctx: SubscriberContext) {\n  await ctx.resolve<EventBus>('eventBus').emitEvent('sales.order.touched', { id: payload.id }, { persistent: true, tenantId: ctx.tenantId ?? null })\n}\n"],
  ['events-emit-options-typed', 'TS2322', "import type { EventBus } from '@open-mercato/events'\nexport const go = (bus: EventBus) => bus.emitEvent('x', {}, { persistent: 'yes' })\n"],
]

describe("the starter app's declarations match Open Mercato's", () => {
  it('every probe passes or fails tsc as it does against the real types', async (t) => {
    const app = await starterApp(t)
    mkdirSync(join(app, 'src/probes'), { recursive: true })
    for (const [name, , source] of PROBES) writeFileSync(join(app, 'src/probes', `${name}.ts`), source)
    const { output } = typecheck(app)
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line))
    const strays = errors.filter((line) => !line.includes('/src/probes/') && !line.startsWith('src/probes/'))
    assert.deepEqual(strays, [], 'only probes may fail')
    const verdicts = Object.fromEntries(PROBES.map(([name]) => {
      const first = errors.find((line) => line.includes(`src/probes/${name}.ts(`))
      return [name, first ? /error (TS\d+)/.exec(first)![1] : 'pass']
    }))
    assert.deepEqual(verdicts, Object.fromEntries(PROBES.map(([name, verdict]) => [name, verdict])), output)
  })
})
