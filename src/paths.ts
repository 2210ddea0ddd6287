/**
 * Where things are in an app, relative to its root: every path the tool reads or writes by
 * convention is named here once (Open Mercato's layout, and the tool's own `.mercato` folder).
 */
export const MODULES_FILE = 'src/modules.ts'
/** The app's own modules. */
export const APP_MODULES = 'src/modules'
export const moduleDir = (id: string) => `${APP_MODULES}/${id}`
/** A path (relative to the app) into a package: the monorepo's packages/ or node_modules. What such a file holds is not the app's to fix. */
export const inPackage = (path: string) => path.startsWith('../') || path.split('/').includes('node_modules')
/** The app's own dictionaries (`<locale>.json`), merged with every module's at run time. */
export const APP_I18N = 'src/i18n'

/** The tool's folder in the app: the registry it generates, undo history, and its bookkeeping. */
export const MERCATO_DIR = '.mercato'
export const GENERATED_DIR = `${MERCATO_DIR}/generated`
export const HISTORY_DIR = `${MERCATO_DIR}/history`
export const TEMPLATES_DIR = `${MERCATO_DIR}/templates`
export const CACHE_FILE = `${MERCATO_DIR}/cache/generate.json`
export const APP_LOCK = `${MERCATO_DIR}/lock`
/** The embedded database (PGlite) and the lock its one process at a time holds. */
export const DB_DIR = `${MERCATO_DIR}/db`
export const DB_DATA = `${DB_DIR}/data`
export const DB_LOCK = `${DB_DIR}/lock`
