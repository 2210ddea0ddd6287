// The fleet feature checked in the running Open Mercato: over HTTP as a user's browser calls it, the
// backend pages, and a picture of the list.
import { execFileSync } from 'node:child_process'
import { chromiumPath, screenshotRow } from './browser.mjs'
import { CUSTOM_FIELD, FIELDS, MODULE, PLATE, TOOL, createBody, updateBody } from './fleet.mjs'
import { shown } from './http.mjs'

const MIN = 60_000
export const LOGIN = { email: 'superadmin@acme.com', password: 'secret' }

/** The payload of a JWT (not verified: the server that issued it is the one that reads it). */
function jwtClaims(token) {
  if (typeof token !== 'string' || token.split('.').length !== 3) return null
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))
  } catch {
    return null
  }
}

/** The feature over HTTP, in the order a user meets it; then the pages and a picture of the list. */
export async function featureChecks(checks, session, { screenshot, work, log, app, env }) {
  const state = {}
  const needsServer = { needs: ['server'] }
  await checks.check('login', async () => {
    const res = await session.request('POST', '/api/auth/login', { form: LOGIN })
    if (res.status !== 200 || !session.cookies.has('auth_token')) throw new Error(`POST /api/auth/login: ${shown(res)}`)
    // a superadmin's requests are scoped to every organization until one is picked (a create then
    // answers "Organization context is required"): pick the user's own, as the organization switcher does
    const claims = jwtClaims(res.body?.token)
    if (!claims?.tenantId || !claims?.orgId) throw new Error(`POST /api/auth/login: no tenantId and orgId in the token's claims (${JSON.stringify(claims)})`)
    session.cookies.set('om_selected_tenant', claims.tenantId)
    session.cookies.set('om_selected_org', claims.orgId)
    return `POST /api/auth/login 200, cookies ${[...session.cookies.keys()].join(', ')} (organization ${claims.orgId})`
  }, needsServer)

  await checks.check('routes', async () => {
    const listed = JSON.parse(execFileSync(process.execPath, [TOOL, 'list', '--json', '--cwd', app], { encoding: 'utf8', env })).data
    const api = listed.api.find((r) => r.module === MODULE && /\/vehicles$/.test(r.url))
    if (!api) throw new Error(`the tool's list names no vehicles API route of module ${MODULE} (its routes: ${listed.api.filter((r) => r.module === MODULE).map((r) => r.url).join(', ') || 'none'})`)
    state.api = api.url
    state.pages = listed.pages.filter((p) => p.module === MODULE && p.area === 'backend').map((p) => p.url)
    return `${state.api}; backend pages ${state.pages.join(', ') || 'none'}`
  }, needsServer)

  const created = []
  await checks.check('create', async () => {
    for (let n = 0; n < 3; n++) {
      const body = createBody(n === 0 ? {} : { plate: `${PLATE}-${n}`, ...(n > 0 ? { [`cf_${CUSTOM_FIELD.key}`]: `${CUSTOM_FIELD.value} ${n}` } : {}) })
      const res = await session.request('POST', state.api, { json: body })
      if (res.status !== 201 || !res.body?.id) throw new Error(`POST ${state.api} (vehicle ${n + 1}): ${shown(res)}`)
      created.push(res.body.id)
    }
    state.id = created[0]
    return `POST ${state.api} 201 ×3 (every field type and cf_${CUSTOM_FIELD.key}), first id ${state.id}`
  }, { needs: ['routes'] })

  const findItem = async (id) => {
    const res = await session.request('GET', `${state.api}?id=${id}`)
    if (res.status !== 200) throw new Error(`GET ${state.api}?id=${id}: ${shown(res)}`)
    return res.body?.items?.find((i) => i.id === id)
  }
  const updatedAtOf = (item) => item?.updated_at ?? item?.updatedAt

  await checks.check('list', async () => {
    const page1 = await session.request('GET', `${state.api}?page=1&pageSize=2&sortField=plate&sortDir=asc`)
    if (page1.status !== 200) throw new Error(`GET ${state.api}?page=1&pageSize=2: ${shown(page1)}`)
    const page2 = await session.request('GET', `${state.api}?page=2&pageSize=2&sortField=plate&sortDir=asc`)
    const { items = [], total, totalPages } = page1.body ?? {}
    if (total !== 3 || items.length !== 2 || totalPages !== 2) throw new Error(`page 1 of 2: expected 2 of 3 items over 2 pages, got ${items.length} of ${total} over ${totalPages} pages`)
    if (page2.body?.items?.length !== 1 || items.some((i) => i.id === page2.body.items[0].id)) throw new Error(`page 2: expected the third item, got ${shown(page2)}`)
    const first = await findItem(state.id)
    if (!first) throw new Error(`GET ${state.api}?id=${state.id}: the created vehicle is not listed`)
    const cf = first[`cf_${CUSTOM_FIELD.key}`] ?? first.customFields?.[CUSTOM_FIELD.key] ?? first.customValues?.[CUSTOM_FIELD.key]
    if (cf !== CUSTOM_FIELD.value) throw new Error(`the listed vehicle's custom field ${CUSTOM_FIELD.key} is ${JSON.stringify(cf)}, not "${CUSTOM_FIELD.value}" (item keys: ${Object.keys(first).join(', ')})`)
    if (!updatedAtOf(first)) throw new Error(`the listed vehicle has no updated_at (the edit form needs it for the lock): keys ${Object.keys(first).join(', ')}`)
    state.updatedAt = updatedAtOf(first)
    return `paged 2 + 1 of 3 (pageSize=2), cf_${CUSTOM_FIELD.key} "${cf}", updated_at ${state.updatedAt}`
  }, { needs: ['create'] })

  await checks.check('update', async () => {
    const res = await session.request('PUT', state.api, { json: updateBody(state.id), headers: { 'x-om-ext-optimistic-lock-expected-updated-at': state.updatedAt } })
    if (res.status !== 200) throw new Error(`PUT ${state.api} with the current updated_at: ${shown(res)}`)
    const item = await findItem(state.id)
    const plate = FIELDS.find((f) => f.property === 'plate').changed()
    if (item?.plate !== plate) throw new Error(`after PUT the plate is ${JSON.stringify(item?.plate)}, not "${plate}"`)
    const cf = item[`cf_${CUSTOM_FIELD.key}`] ?? item.customFields?.[CUSTOM_FIELD.key] ?? item.customValues?.[CUSTOM_FIELD.key]
    if (cf !== CUSTOM_FIELD.changed) throw new Error(`after PUT cf_${CUSTOM_FIELD.key} is ${JSON.stringify(cf)}, not "${CUSTOM_FIELD.changed}"`)
    if (updatedAtOf(item) === state.updatedAt) throw new Error('after PUT updated_at did not change')
    return `PUT 200; plate "${plate}", cf_${CUSTOM_FIELD.key} "${cf}", updated_at ${updatedAtOf(item)}`
  }, { needs: ['list'] })

  await checks.check('stale update refused', async () => {
    const res = await session.request('PUT', state.api, { json: { id: state.id, plate: `${PLATE} C` }, headers: { 'x-om-ext-optimistic-lock-expected-updated-at': state.updatedAt } })
    if (res.status !== 409) throw new Error(`PUT with the updated_at from before the update: expected 409, got ${shown(res)}`)
    const item = await findItem(state.id)
    if (item?.plate === `${PLATE} C`) throw new Error('the stale PUT was answered 409 but still wrote the plate')
    return `PUT with the old updated_at 409 (${res.body?.code ?? res.body?.error ?? 'conflict'}), record unchanged`
  }, { needs: ['update'] })

  await checks.check('delete', async () => {
    const gone = created[2]
    const res = await session.request('DELETE', `${state.api}?id=${gone}`)
    if (res.status !== 200) throw new Error(`DELETE ${state.api}?id=${gone}: ${shown(res)}`)
    if (await findItem(gone)) throw new Error('the deleted vehicle is still listed')
    const all = await session.request('GET', state.api)
    if (all.body?.total !== 2) throw new Error(`after DELETE the list has ${all.body?.total} vehicles, not 2`)
    return `DELETE 200; no longer listed, 2 left`
  }, { needs: ['create'] })

  /** A page of the fleet module by its URL's shape; the edit page's `[id]` becomes the first vehicle's id. */
  const pageUrl = (kind) => {
    const pattern = { list: /\/vehicles$/, create: /\/vehicles\/create$/, edit: /\/vehicles\/\[[^\]]+\](\/edit)?$/ }[kind]
    const url = state.pages.find((p) => pattern.test(p))
    if (!url) throw new Error(`module ${MODULE} has no ${kind} page (its backend pages: ${state.pages.join(', ') || 'none'})`)
    return url.replace(/\[[^\]]+\]/, state.id)
  }
  for (const kind of ['list', 'create', 'edit']) {
    await checks.check(`${kind} page`, async () => {
      const url = pageUrl(kind)
      // the first request of a backend page compiles it (minutes on a small machine)
      const res = await session.request('GET', url, { timeoutMs: 30 * MIN })
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.headers.get('location') ?? res.text.replace(/\s+/g, ' ').slice(0, 300)}`)
      return `GET ${url} 200 (${Math.round(res.text.length / 1024)} KB)`
    }, { needs: ['create'] })
  }

  await checks.check('screenshot', async () => {
    chromiumPath()
    const page = pageUrl('list')
    // as localhost: Next's dev server blocks its HMR socket for any other origin ("Blocked cross-origin request to
    // /_next/webpack-hmr from 127.0.0.1"), and the page then reloads over and over instead of showing the rows
    const url = `${session.base.replace('//127.0.0.1:', '//localhost:')}${page}`
    const plate = FIELDS.find((f) => f.property === 'plate').changed()
    const seen = await screenshotRow({ url, cookies: Object.fromEntries(session.cookies), text: plate, file: screenshot, dir: work, log: log('chromium'), timeoutMs: 20 * MIN })
    return `${screenshot}: ${page} "${seen.title}", ${seen.rows} rows, one shows "${plate}"`
  }, { needs: ['list page', 'update'] })
}

