/** Contract 11: a name that would make invalid code, an unusable table or an impossible file is refused before anything is written. */
import { describe } from 'node:test'
import { arena, attack, ok, refused } from './contract.ts'

const long = (n: number) => 'a'.repeat(n)

/** Each: the arguments after `module sales` exists, and the flag the one-line refusal must name. */
const CASES: Array<[string[], string]> = [
  ...['Entity', 'Property', 'PrimaryKey', 'Index', 'Unique', 'Enum', 'ManyToOne', 'OptionalProps', 'Opt', 'Object', 'Function', 'Promise']
    .map((name): [string[], string] => [['data-entity', 'sales', name], '<name>']),
  ...['constructor', 'prototype', 'class', 'default', 'delete', 'new', 'this'].map((key): [string[], string] => [['data-entity', 'sales', 'Order', '--field', `${key}:text`], '--field']),
  [['data-entity', 'sales', 'Order', '--field', '__proto__:text'], '--field'],
  [['data-entity', 'sales', 'Order', '--field', 'owner_id:text', '--field', 'ownerId:text'], '--field'],
  [['data-entity', 'sales', 'Order', '--field', 'owner:ref=customers.Customer', '--field', 'ownerId:text'], '--field'],
  [['data-entity', 'sales', 'Order', '--field', 'owner:ref=customers.Customer', '--field', 'owner_id:integer'], '--field'],
  [['page', 'sales', '[id]/x/[id]'], '<path>'],
  [['api', 'sales', '[id]/lines/[id]'], '<path>'],
  [['page', 'sales', '[id]/[...id]'], '<path>'],
  [['data-entity', 'sales', 'Order', '--table', long(64)], '--table'],
  [['data-entity', 'sales', `Order${'Line'.repeat(15)}`], '<name>'],
  [['data-entity', 'sales', 'Order', '--field', `${long(64)}:text`], '--field'],
  [['page', 'sales', long(300)], '<path>'],
  [['api', 'sales', `x/${long(256)}`], '<path>'],
  [['module', long(300)], '<id>'],
]

describe('11. names that would generate invalid code or impossible files', () => {
  for (const [args, flag] of CASES) {
    const shown = args.join(' ').replace(/a{20,}/g, (m) => `a×${m.length}`)
    attack(`${shown} is refused naming ${flag} (exit 2, nothing changed)`, async (t) => {
      const a = await arena(t)
      if (args[0] !== 'module') await ok(a, ['module', 'sales'])
      const label = flag.replace(/[[\]<>]/g, '\\$&')
      await refused(a, args, 2, new RegExp(`^error: invalid ${label}: `))
    })
  }

  attack('the names refused above are only refused where they clash: a field "owner" ref alone, a class "Orders" and [id]/x/[slug] are written', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'sales'])
    await ok(a, ['data-entity', 'sales', 'Orders', '--field', 'owner:ref=customers.Customer', '--field', 'className:text'])
    await ok(a, ['page', 'sales', '[id]/x/[slug]'])
  })
})
