// The shape of Open Mercato's monorepo, as figures (never its files): counted from the fetched
// repository (the 51 modules apps/mercato/src/modules.ts enables with the enterprise modules off,
// each in the folder its `from` names). Per kind: files, how many modules have any, the median file
// size in bytes (and the mean), and the five largest per-module counts (the rest fall off towards one).
//
//   5,815 files, 42.9 MB in the 51 module folders
//   page.meta.ts forms: 144 of 227 plain literals, 73 import React for a createElement icon, 10 other
//   imports (a type), 60 end `as const`, 3 hold a visible/enabled function
//   route.ts: 9.5 imports each (4.8 @open-mercato/*, 2.6 relative, 2.1 other packages), every one an
//   openApi export, 454 of 462 `export const metadata`, 59 makeCrudRoute (`export const { metadata,
//   GET, ... } = makeCrudRoute(...)`); page.tsx: 11.8 imports (8.2 @open-mercato/*, 2.3 other, 1.3 relative)
export const OM_SHAPE = {
  modules: 51,
  files: 5815,
  bytes: 42896282,
  kinds: {
    route: { files: 419, modules: 40, median: 5660, mean: 7131, top: [55, 36, 27, 23, 20] },
    apiOther: { files: 179, modules: 37, median: 3652, mean: 5119, top: [42, 13, 12, 12, 9] },
    page: { files: 221, modules: 39, median: 6125, mean: 12272, top: [22, 18, 14, 13, 12] },
    pageMeta: { files: 211, modules: 38, median: 433, mean: 545, top: [20, 18, 14, 13, 12] },
    subscriber: { files: 73, modules: 19, median: 1385, mean: 2632, top: [13, 8, 8, 6, 4] },
    worker: { files: 42, modules: 20, median: 2685, mean: 4657, top: [8, 4, 3, 3, 2] },
    widget: { files: 161, modules: 23, median: 1148, mean: 4210, top: [30, 21, 19, 14, 8] },
    i18n: { files: 179, modules: 43, median: 10311, mean: 24512, top: [6, 6, 6, 5, 4] },
    migration: { files: 277, modules: 40, median: 1661, mean: 9429, top: [28, 26, 23, 13, 11] },
    entities: { files: 40, modules: 40, median: 6048, mean: 10956, top: [1, 1, 1, 1, 1] },
    test: { files: 2208, modules: 50, median: 4638, mean: 6039, top: [372, 138, 126, 121, 116] },
    other: { files: 1458, modules: 49, median: 4529, mean: 9108, top: [295, 103, 88, 77, 65] },
  },
  // root files of a module folder: how many of the 51 modules have each
  roots: { 'index.ts': 50, 'acl.ts': 46, 'setup.ts': 46, 'di.ts': 38, 'events.ts': 29, 'cli.ts': 26, 'notifications.ts': 15, 'encryption.ts': 15, 'ce.ts': 13, 'search.ts': 11, 'translations.ts': 8, 'notifications.client.ts': 7, 'integration.ts': 7, 'analytics.ts': 5 },
  rootMedian: 788,
  rootMean: 3018,
  pageMeta: { plain: 144, reactIcon: 73, typeImport: 10, asConst: 60, visible: 3 },
  routeImports: { pkg: 4.8, rel: 2.6, ext: 2.1 },
  pageImports: { pkg: 8.2, ext: 2.3, rel: 1.3 },
  crudShare: 59 / 462,
}

/**
 * How many files of a kind each of `n` modules gets: the kind's module share, its largest counts as
 * counted, the rest of its files spread over the other modules that have it. Modules are rotated per
 * kind so the big ones are not always the same (as in Open Mercato, where sales leads in routes and
 * customers in pages).
 */
export function spread(kind, n, offset) {
  const counts = new Array(n).fill(0)
  const having = Math.min(n, kind.modules)
  const rest = Math.max(0, kind.files - kind.top.reduce((a, b) => a + b, 0))
  const tail = having - kind.top.length
  for (let k = 0; k < having; k++) {
    const i = (k + offset) % n
    if (k < kind.top.length) counts[i] = kind.top[k]
    else counts[i] = Math.floor(rest / tail) + (k - kind.top.length < rest % tail ? 1 : 0)
  }
  return counts
}
