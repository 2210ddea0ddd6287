import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from './helpers.ts'
import { layerOf, layerViolations, readSources, specifiersOf } from './layers.ts'

const sources = () => readSources(join(ROOT, 'src'))

describe('layers of src/ (test/layers.ts)', () => {
  it('no import points to a higher layer, and every file is placed in one', () => {
    assert.deepEqual(layerViolations(sources()), [])
  })

  it('a planted upward import is caught, a type-only one too', () => {
    const files = sources()
    files.set('engine/apply.ts', `${files.get('engine/apply.ts')}\nimport { dispatch } from '../dispatch'\n`)
    files.set('app/detect.ts', `import type { Plan } from '../engine/plan'\n${files.get('app/detect.ts')}`)
    files.set('services/fs.ts', `${files.get('services/fs.ts')}\nexport const later = () => import('../cli/main')\n`)
    assert.deepEqual(layerViolations(files).sort((a, b) => a.from.localeCompare(b.from)), [
      { from: 'app/detect.ts', to: 'engine/plan.ts', why: 'app imports engine, a higher layer' },
      { from: 'engine/apply.ts', to: 'dispatch/index.ts', why: 'engine imports dispatch, a higher layer' },
      { from: 'services/fs.ts', to: 'cli/main.ts', why: 'base imports faces, a higher layer' },
    ])
  })

  it('a file in a folder no layer names is reported', () => {
    const files = sources()
    files.set('helpers/thing.ts', 'export const x = 1\n')
    assert.deepEqual(layerViolations(files).map((v) => v.from), ['helpers/thing.ts'])
  })

  it('reads every form of import and places paths by the longest entry', () => {
    const text = [
      "import a from './a'",
      "import type { B } from '../b'",
      "export { c } from './c'",
      "export * from './d'",
      "const e = await import('./e')",
      "type F = import('./f').F",
      'const g = `import x from "./not-code"`',
    ].join('\n')
    assert.deepEqual(specifiersOf(text, false), ['./a', '../b', './c', './d', './e', './f'])
    assert.equal(layerOf('actions/spec.ts'), layerOf('dispatch/index.ts'))
    assert.ok(layerOf('actions/module.ts') > layerOf('actions/spec.ts'))
  })

  it('file access goes through the FileSystem service: node:fs only in the service and in files that say why', () => {
    // the service itself; the tool's own files (templates, its install); package lookup; start-up paths that must not load the services
    const allowed = ['app/packages.ts', 'app/tool-source.ts', 'cli/quick-values.ts', 'cli/start.ts', 'services/fs.ts', 'services/templates.ts', 'tui/first-frame.ts']
    const users = [...sources()].filter(([, text]) => /from 'node:fs(\/promises)?'/.test(text)).map(([path]) => path).sort()
    assert.deepEqual(users, allowed)
    for (const path of allowed.filter((p) => p !== 'services/fs.ts')) {
      const comments = (sources().get(path)!.match(/^\s*(\/\/|\*).*$/gm) ?? []).join('\n')
      assert.match(comments, /node:fs/, `${path} says why it reads with node:fs`)
    }
  })
})

