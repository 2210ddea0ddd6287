import pkg from '../package.json' with { type: 'json' }

export const TOOL_VERSION: string = pkg.version
/** Every @mikro-orm/* package must share one exact version; the starter app pins the one we ship. */
export const MIKRO_ORM_VERSION: string = pkg.dependencies['@mikro-orm/core']
