/** Contract 11: a name that would make invalid code, an unusable table or an impossible file is refused before anything is written. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { arena, attack, ok, refused } from './contract.ts'

const long = (n: number) => 'a'.repeat(n)

/** Each: the arguments after `module my_sales` exists, and the flag the one-line refusal must name. */
const CASES: Array<[string[], string]> = [
  ...['Entity', 'Property', 'PrimaryKey', 'Index', 'Unique', 'Enum', 'ManyToOne', 'OptionalProps', 'Opt', 'Object', 'Function', 'Promise']
    .map((name): [string[], string] => [['data-entity', 'my_sales', name], '<name>']),
  ...['constructor', 'prototype', 'class', 'default', 'delete', 'new', 'this'].map((key): [string[], string] => [['data-entity', 'my_sales', 'Order', '--field', `${key}:text`], '--field']),
  [['data-entity', 'my_sales', 'Order', '--field', '__proto__:text'], '--field'],
  [['data-entity', 'my_sales', 'Order', '--field', 'owner_id:text', '--field', 'ownerId:text'], '--field'],
  [['data-entity', 'my_sales', 'Order', '--field', 'owner:ref=customers.Customer', '--field', 'ownerId:text'], '--field'],
  [['data-entity', 'my_sales', 'Order', '--field', 'owner:ref=customers.Customer', '--field', 'owner_id:integer'], '--field'],
  [['page', 'my_sales', '[id]/x/[id]'], '<path>'],
  [['api', 'my_sales', '[id]/lines/[id]'], '<path>'],
  [['page', 'my_sales', '[id]/[...id]'], '<path>'],
  [['data-entity', 'my_sales', 'Order', '--table', long(64)], '--table'],
  [['data-entity', 'my_sales', `Order${'Line'.repeat(15)}`], '<name>'],
  [['data-entity', 'my_sales', 'Order', '--field', `${long(64)}:text`], '--field'],
  [['page', 'my_sales', long(300)], '<path>'],
  [['api', 'my_sales', `x/${long(256)}`], '<path>'],
  [['module', long(300)], '<id>'],
  [['module', long(43)], '<id>'],
  [['module', 'core'], '<id>'],
  [['module', 'customers'], '<id>'],
  [['extension', 'my_sales', 'Promise', '--base', 'customers:customer'], '<name>'],
  ...['class', 'constructor', 'default'].map((key): [string[], string] => [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', `${key}:text`], '--field']),
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', `${long(64)}:text`], '--field'],
  ...['constructor', 'prototype', 'id', 'createdAt', 'updated_at', 'entityId'].map((key): [string[], string] => [['entity', 'my_sales', 'note', '--field', `${key}:text`], '--field']),
]

describe('11. names that would generate invalid code or impossible files', () => {
  for (const [args, flag] of CASES) {
    const shown = args.join(' ').replace(/a{20,}/g, (m) => `a×${m.length}`)
    attack(`${shown} is refused naming ${flag} (exit 2, nothing changed)`, async (t) => {
      const a = await arena(t)
      if (args[0] !== 'module') await ok(a, ['module', 'my_sales'])
      const label = flag.replace(/[[\]<>]/g, '\\$&')
      await refused(a, args, 2, new RegExp(`^error: invalid ${label}: `))
    })
  }

  attack('the names refused above are only refused where they clash: a field "owner" ref alone, a class "Orders" and [id]/x/[slug] are written', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'my_sales'])
    await ok(a, ['data-entity', 'my_sales', 'Orders', '--field', 'owner:ref=my_sales.Orders', '--field', 'className:text'])
    await ok(a, ['page', 'my_sales', '[id]/x/[slug]'])
  })

  attack('a module id of 42 characters (mikro_orm_migrations_<id> is then 63 bytes) and a custom field key that is a reserved word ("class", a string key in ce.ts) are written', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', long(42)])
    await ok(a, ['entity', long(42), 'note', '--field', 'class:text'])
  })

  attack('a module the app enables from a package is refused as a new module (exit 2, naming the package and override), and enable still names Open Mercato\'s ids', async (t) => {
    const a = await arena(t)
    const modulesTs = join(a.app, 'src/modules.ts')
    writeFileSync(modulesTs, readFileSync(modulesTs, 'utf8').replace(/enabledModules: ModuleEntry\[\] = \[/, "$&\n  { id: 'loyalty', from: '@acme/loyalty' },"))
    await refused(a, ['module', 'loyalty'], 2, /^error: module "loyalty" is registered from @acme\/loyalty \(src\/modules\.ts:\d+\); a module of the app with that id would clash with it, so pick another id \(e\.g\. "my_loyalty"\), or copy one of its files into the app with "override loyalty <path>"\n$/)
    // enable and override name Open Mercato's modules: the id passes, only the missing package stops them
    await refused(a, ['enable', 'sales'], 2, /^error: module "sales" \(from @open-mercato\/core\) not found/)
    await refused(a, ['override', 'auth', 'backend/page.tsx'], 2, /^error: module "auth" is not enabled/)
  })

  attack('a leading "/" is the URL way of writing the same path: page /reports and api /stats land where reports and stats do', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'my_sales'])
    await ok(a, ['page', 'my_sales', '/reports/'])
    await ok(a, ['api', 'my_sales', '/stats'])
    await ok(a, ['page', 'my_sales', '/docs', '--area', 'frontend'])
    for (const file of ['backend/my_sales/reports/page.tsx', 'api/stats/route.ts', 'frontend/docs/page.tsx']) {
      if (!existsSync(join(a.app, 'src/modules/my_sales', file))) throw new Error(`${file} was not written`)
    }
  })
})
