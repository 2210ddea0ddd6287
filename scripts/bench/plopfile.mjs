// The baseline: plain plop doing the job `module <id> --no-generate` does, from the same templates.
import { fileURLToPath } from 'node:url'

const templates = fileURLToPath(new URL('../../templates/module/', import.meta.url))
const lit = (v) => (Array.isArray(v) ? `[${v.map(lit).join(', ')}]` : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)

export default function (plop) {
  // the templates write literals through our `ts` helper; plain plop needs the same one
  plop.setHelper('ts', (value) => ({ toHTML: () => lit(value) }))
  plop.setGenerator('module', {
    prompts: [{ type: 'input', name: 'id', message: 'module id' }],
    actions: (answers) => {
      const title = answers.id.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')
      const data = {
        id: answers.id, name: answers.id, title, version: '0.1.0', description: '', author: '', license: 'MIT', requires: [],
        viewTitle: `View ${title}`, manageTitle: `Manage ${title}`,
      }
      const dir = 'src/modules/{{id}}'
      return [
        ...['index.ts', 'di.ts', 'acl.ts', 'setup.ts'].map((file) => ({ type: 'add', path: `${dir}/${file}`, templateFile: `${templates}${file}.hbs`, data })),
        { type: 'add', path: `${dir}/i18n/en.json`, template: '{\n  "{{id}}.module.title": "{{title}}"\n}\n', data },
        { type: 'modify', path: 'src/modules.ts', pattern: /(export const enabledModules: ModuleEntry\[\] = \[)(\])/, template: "$1\n  { id: '{{id}}', from: '@app' },\n$2", data },
      ]
    },
  })
}
