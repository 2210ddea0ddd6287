import pkg from '../package.json' with { type: 'json' }

export const TOOL_VERSION: string = pkg.version
/** Every @mikro-orm/* package must share one exact version; the starter app pins the one our tests run. */
export const MIKRO_ORM_VERSION: string = pkg.devDependencies['@mikro-orm/core']
