import type { AppModel } from '../discover'
import { file, Imports, q } from './code'

/** Open Mercato's `toSnake`: `CustomerPerson` → `customer_person`. */
export const toSnake = (s: string) =>
  s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\W+/g, '_').replace(/_{2,}/g, '_').replace(/(?:^_+|_+$)/g, '').toLowerCase()

function diRegistrars(model: AppModel): string {
  const imports = new Imports()
  const rows = model.modules.filter((m) => m.files.di).map((m) => `  ${imports.namespace(`D_${m.id}`, m.files.di!)}.register,`)
  return file('di', imports, [
    'const diRegistrars: (((c: any) => void) | undefined)[] = [',
    ...rows,
    '].filter(Boolean)',
    '',
    'export { diRegistrars }',
    '',
    'export default diRegistrars',
  ])
}

/** Every exported class of each module's entities file, named `<module>.<Export>` for MikroORM as Open Mercato does. */
function entities(model: AppModel): string {
  const imports = new Imports()
  const rows = model.modules.filter((m) => m.entities).map((m) => `  ...enhanceEntities(${imports.namespace(`E_${m.id}`, m.entities!)}, ${q(m.id)}),`)
  return file('entities', imports, [
    'function enhanceEntities(namespace: Record<string, unknown>, moduleId: string): any[] {',
    "  return Object.entries(namespace).filter(([, value]) => typeof value === 'function').map(([exportName, value]) => {",
    "    if (!Object.prototype.hasOwnProperty.call(value, 'entityName')) {",
    "      Object.defineProperty(value, 'entityName', { value: `${moduleId}.${exportName}`, configurable: true, enumerable: false, writable: false })",
    '    }',
    '    return value',
    '  })',
    '}',
    '',
    'export const entities = [',
    ...rows,
    ']',
  ])
}

/** `M` (module ids) and `E` (entity ids `<module>:<snake_case(Class)>`), as `mercato generate entity-ids` writes them. */
function entityIds(model: AppModel): string {
  const m = model.modules.map((mod) => `  ${q(mod.id)}: ${q(mod.id)},`)
  const e = model.modules.filter((mod) => mod.entities).map((mod) => {
    const names = [...new Set(mod.entityClasses.map(toSnake))]
    return `  ${q(mod.id)}: { ${names.map((n) => `${q(n)}: ${q(`${mod.id}:${n}`)}`).join(', ')} },`
  })
  return file('entity-ids', new Imports(), [
    'export const M = {', ...m, '} as const',
    '',
    'export const E = {', ...e, '} as const',
    '',
    'export type KnownModuleId = keyof typeof M',
    'export type KnownEntities = typeof E',
  ])
}

export function entityOutputs(model: AppModel): Record<string, string> {
  return { di: diRegistrars(model), entities: entities(model), 'entities.ids': entityIds(model) }
}
