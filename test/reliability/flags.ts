/** Contract 10: an empty or contradictory flag is a usage error naming the flag, never a silently lost default. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { arena, attack, ok, refused } from './contract.ts'

/** Each would otherwise reach the schema as "" (an empty list, 0, or an empty title). */
const EMPTY: string[][] = [
  ['page', 'my_sales', 'reports', '--require-features='],
  ['page', 'my_sales', 'reports', '--require-features', ''],
  ['page', 'my_sales', 'reports', '--order='],
  ['page', 'my_sales', 'reports', '--order', ' '],
  ['page', 'my_sales', 'reports', '--title='],
  ['page', 'my_sales', 'reports', '--require-roles='],
  ['api', 'my_sales', 'orders', '--require-features='],
  ['module', 'visits', '--requires='],
]

describe('10. empty and odd flag values', () => {
  for (const args of EMPTY) {
    const flag = args.find((a) => a.startsWith('--'))!.replace(/=.*$/, '')
    attack(`${args.join(' ')} is refused naming ${flag} (exit 2, nothing changed)`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'my_sales'])
      await refused(a, args, 2, new RegExp(`^error: ${flag} is empty; give a value`))
    })
  }

  attack('generate --check --watch is refused at once (exit 2) instead of watching forever', async (t) => {
    const a = await arena(t)
    await refused(a, ['generate', '--check', '--watch'], 2, /--check and --watch do not go together/)
  })

  attack('new-app <an existing app> --force is refused (exit 2) and keeps its src/modules.ts', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    const modules = readFileSync(join(a.app, 'src/modules.ts'), 'utf8')
    await refused(a, ['new-app', a.app, '--force', '--no-install'], 2, /already holds an app .*pick a new folder/)
    await refused(a, ['new-app', a.app, '--no-install'], 2, /already holds an app/)
    if (readFileSync(join(a.app, 'src/modules.ts'), 'utf8') !== modules) throw new Error('src/modules.ts changed')
  })
})
