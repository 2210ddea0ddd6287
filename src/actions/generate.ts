import { z } from 'zod'
import { discover } from '../generator/discover'
import { emit } from '../generator/emit'
import { defineAction } from './spec'

export const generateAction = defineAction({
  name: 'generate',
  summary: 'regenerate the module registry under .mercato/generated (rewrites only what changed)',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  examples: ['generate', 'generate --dry-run --diff'],
  async plan(_input, { tree }) {
    const model = await discover(tree)
    for (const [path, content] of Object.entries(emit(model))) await tree.write(path, content)
    const count = model.modules.length
    return {
      summary: `generate: ${count} enabled module${count === 1 ? '' : 's'}`,
      notes: model.warnings,
      historyDir: null,
    }
  },
})
