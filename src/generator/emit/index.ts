import type { AppModel } from '../discover'
import { entityOutputs } from './entities'
import { extensionOutputs } from './extensions'
import { enabledModuleIds, legacyRegistries, moduleRegistry, VARIANTS } from './registry'
import { routeManifests } from './routes'
import { GENERATED_DIR } from '../../paths'

/**
 * Every generated file, by path relative to the app root: a pure function of the model. File names,
 * export names and entry shapes are Open Mercato's, so the app imports them as it imports its own.
 */
export function emit(model: AppModel): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [name, variant] of Object.entries(VARIANTS)) files[name] = moduleRegistry(model, variant)
  Object.assign(files, legacyRegistries(), routeManifests(model), entityOutputs(model), extensionOutputs(model))
  files['enabled-module-ids'] = enabledModuleIds(model)
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [`${GENERATED_DIR}/${name}.generated.ts`, content]))
}
