import { z } from 'zod'
import { enableableModuleIds, enabledModuleIds } from '../app/pickers'
import { UsageError } from '../errors'
import { appEnv } from '../app/env'
import { detectInstall, locateModule } from '../app/packages'
import { notFound } from '../generator/discover'
import { addModuleEntry, removeModuleEntry } from '../modules-file/edit'
import { readModulesFile } from '../modules-file/read'
import { moduleId, packageName } from '../validation/names'
import { openMercatoPackageOf } from '../validation/open-mercato-modules'
import { defineAction } from './spec'
import { MODULES_FILE, moduleDir } from '../paths'

export const enableAction = defineAction({
  kind: 'plan',
  name: 'enable',
  summary: 'register a module in src/modules.ts',
  positionals: ['id'],
  input: z.object({
    id: moduleId.describe('module id to enable'),
    from: packageName.optional().describe('where the module comes from: "@app" or a package (default: @app when src/modules/<id> exists, else the Open Mercato package that ships the id, else @open-mercato/core)'),
  }),
  needsApp: true,
  generates: true,
  examples: ['enable auth --from @open-mercato/core', 'enable visits'],
  pickers: { id: enableableModuleIds },
  async plan({ id, from }, { tree }) {
    const local = await tree.isDirectory(moduleDir(id))
    const source = from ?? (local ? '@app' : openMercatoPackageOf(id) ?? '@open-mercato/core')
    if (source === '@app' && !local) {
      throw new UsageError(`src/modules/${id} does not exist, so it cannot be enabled from @app; create it with: module ${id}`)
    }
    if (source !== '@app') {
      const found = locateModule(detectInstall(tree.root), source, id)
      if (!found.path && !local) {
        const fix = found.packageFound ? `${source} has no module "${id}"; check the id and --from` : `install ${source} first (npm install ${source}), then enable it`
        throw new UsageError(`${notFound({ id, from: source, looked: found.looked })}; ${fix}`)
      }
    }
    const edit = addModuleEntry(readModulesFile((await tree.read(MODULES_FILE))!, await appEnv(tree)), { id, from: source })
    await tree.write(MODULES_FILE, edit.text)
    return { summary: edit.changed ? `enable ${id} from ${source}` : edit.message }
  },
})

export const disableAction = defineAction({
  kind: 'plan',
  name: 'disable',
  summary: 'remove a module from src/modules.ts (its files stay)',
  positionals: ['id'],
  input: z.object({ id: moduleId.describe('module id to disable') }),
  needsApp: true,
  generates: true,
  examples: ['disable visits'],
  pickers: { id: enabledModuleIds },
  async plan({ id }, { tree }) {
    const edit = removeModuleEntry(readModulesFile((await tree.read(MODULES_FILE))!), id)
    await tree.write(MODULES_FILE, edit.text)
    return { summary: edit.changed ? `disable ${id}` : edit.message }
  },
})
