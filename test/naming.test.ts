import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { names, tsLiteral } from '../dist/index.js'
import { cli, read, starterApp, typecheck } from './helpers.ts'

describe('names()', () => {
  it('gives every spelling of a name from any spelling of it', () => {
    for (const input of ['sales_order', 'SalesOrder', 'salesOrder', 'sales-order', 'Sales Order']) {
      const n = names(input)
      assert.deepEqual(
        [n.className, n.propertyName, n.constantName, n.fileName, n.snake, n.kebab, n.title, n.sentence, n.plural],
        ['SalesOrder', 'salesOrder', 'SALES_ORDER', 'sales-order', 'sales_order', 'sales-order', 'Sales Order', 'Sales order', 'sales_orders'],
        input,
      )
    }
    assert.equal(names('HTMLPage').snake, 'html_page')
    assert.equal(names('sales.order.created').className, 'SalesOrderCreated')
    assert.equal(names('orders/[id]').className, 'OrdersId')
  })

  it('pluralises the last word with the pluralization library, not by adding "s"', () => {
    assert.equal(names('Person').plural, 'people')
    assert.equal(names('Child').plural, 'children')
    assert.equal(names('SalesPerson').plural, 'sales_people')
    assert.equal(names('Category').plural, 'categories')
    assert.equal(names('Address').plural, 'addresses')
    assert.equal(names('people').singular, 'person')
  })
})

describe('tsLiteral() and the {{ts}} template helper', () => {
  it('writes values as TypeScript literals', () => {
    assert.equal(tsLiteral("it's \\ here\n"), "'it\\'s \\\\ here\\n'")
    assert.equal(tsLiteral(['a', 'b']), "['a', 'b']")
    assert.equal(tsLiteral({ id: 'x', 'a-b': 1, skip: undefined, ok: true }), "{ id: 'x', 'a-b': 1, ok: true }")
    assert.equal(tsLiteral([]), '[]')
  })

  it('a quote or backslash in a title is escaped in every file, and the app still type-checks', async (t) => {
    const app = await starterApp(t)
    const title = "Bob's \\ \"orders\""
    const r = await cli(['module', 'orders', '--title', title, '--with-page', '--cwd', app, '--quiet'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(read(app, 'src/modules/orders/index.ts'), /title: 'Bob\\'s \\\\ "orders"',/)
    assert.match(read(app, 'src/modules/orders/backend/page.meta.ts'), /pageTitle: 'Bob\\'s \\\\ "orders"',/)
    assert.match(read(app, 'src/modules/orders/acl.ts'), /title: 'View Bob\\'s \\\\ "orders"'/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })

  it('an app template override can use {{ts}} and {{names}}', async (t) => {
    const app = await starterApp(t)
    mkdirSync(join(app, '.mercato/templates/module'), { recursive: true })
    writeFileSync(join(app, '.mercato/templates/module/di.ts.hbs'), "export const label = {{ts title}}\nexport const constant = {{ts (names id 'constantName')}}\nexport function register(): void {}\n")
    const r = await cli(['module', 'sales_orders', '--cwd', app, '--quiet'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(read(app, 'src/modules/sales_orders/di.ts'), "export const label = 'Sales Orders'\nexport const constant = 'SALES_ORDERS'\nexport function register(): void {}\n")
  })
})
