// The generator on a synthetic monorepo of Open Mercato's size (50 enabled modules, about 6,000
// files and 43 MB in their folders), from apps/mercato, against the floor of a plain Node script
// that reads every file of the enabled modules once.
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeScaleMonorepo } from '../../test/fixtures/monorepo.ts'

export function benchOmMonorepo({ bin, root, work, measure, runs }) {
  const repo = writeScaleMonorepo(join(work, 'om-monorepo'))
  const moduleRoots = [
    ...readdirSync(join(repo.root, 'packages')).flatMap((pkg) => {
      try {
        return readdirSync(join(repo.root, 'packages', pkg, 'src', 'modules')).map((id) => join(repo.root, 'packages', pkg, 'src', 'modules', id))
      } catch {
        return []
      }
    }),
    ...readdirSync(join(repo.app, 'src', 'modules')).map((id) => join(repo.app, 'src', 'modules', id)),
  ]
  const readAll = measure('read every module file', [join(root, 'scripts', 'bench', 'read-modules.mjs'), ...moduleRoots], { runs })
  const state = join(repo.app, '.mercato')
  const args = [bin, 'generate', '--engine', 'bundled', '--quiet', '--cwd', repo.app]
  const cold = measure('cold', args, { runs, prepare: () => { rmSync(state, { recursive: true, force: true }); return work } })
  const noop = measure('no-op', args, { runs })
  const x = (a, b) => (a / b).toFixed(2)
  console.log(`\ngenerate on an Open Mercato-sized monorepo (from apps/mercato, --engine bundled), ${runs} runs each (median)\n`)
  console.log('| run | ms | × read all | peak RSS MB | × read-all RSS | target |')
  console.log('|---|---:|---:|---:|---:|---|')
  console.log(`| read every file of the ${moduleRoots.length} enabled modules | ${readAll.ms.toFixed(0)} | 1.00 | ${readAll.rssMb.toFixed(0)} | 1.00 | |`)
  console.log(`| cold generate | ${cold.ms.toFixed(0)} | ${x(cold.ms, readAll.ms)} | ${cold.rssMb.toFixed(0)} | ${x(cold.rssMb, readAll.rssMb)} | ≤ 3× time, ≤ 2× RSS |`)
  console.log(`| no-op generate (stat-keyed cache) | ${noop.ms.toFixed(0)} | ${x(noop.ms, readAll.ms)} | ${noop.rssMb.toFixed(0)} | ${x(noop.rssMb, readAll.rssMb)} | ≤ 1.5× time, ≤ 2× RSS |`)
  console.log("| Open Mercato's own `mercato generate` on its monorepo (its figures, not measured here) | about 8,000 | | about 730 | | |")
  rmSync(repo.root, { recursive: true, force: true })
}
