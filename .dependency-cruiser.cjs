/**
 * The layers of docs/ARCHITECTURE.md, enforced on every import (type-only ones included) by
 * dependency-cruiser in `npm run lint`. Lowest first; a layer may import only the layers listed
 * for it:
 *
 *   core         nothing
 *   sim          core
 *   sandbox      core, sim (the handler API it evaluates against)
 *   projections  core, sim
 *   checker      core, sandbox
 *   workshop     core, sim, sandbox, checker
 *   machines     core, checker (the app's XState workflows)
 *   workers      every layer but ui and machines (the workers' wiring)
 *   pwa          core
 *   room         core (the room's protocol and client; server/ uses its protocol)
 *   ui           everything
 *
 * And no import cycles anywhere in src/. `scripts/layers.test.ts` makes a probe import against
 * each rule and expects it to be reported.
 */
const layer = (name, allowed) => ({
  name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
  comment: `src/${name} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'} (see .dependency-cruiser.cjs).`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${name}/`, ...allowed.map((a) => `^src/${a}/`)],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles make layers meaningless and module order fragile: break them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('core', []),
    layer('sim', ['core']),
    layer('sandbox', ['core', 'sim']),
    layer('projections', ['core', 'sim']),
    layer('checker', ['core', 'sandbox']),
    layer('workshop', ['core', 'sim', 'sandbox', 'checker']),
    layer('machines', ['core', 'checker']),
    layer('workers', ['core', 'sim', 'sandbox', 'projections', 'checker', 'workshop']),
    layer('pwa', ['core']),
    layer('room', ['core']),
    {
      name: 'exercise-folders-are-data',
      comment:
        'The engine and the tools load exercise folders as data (the bundle loader, src/workshop/load*.ts), never by import, so an instructor can copy or rename any folder.',
      severity: 'error',
      from: { path: '^(src|scripts)/' },
      to: { path: '^exercises/[^/]+/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
