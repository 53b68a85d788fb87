/**
 * The layer rules of .dependency-cruiser.cjs can fail: for each rule, a probe tree in a temporary
 * folder makes one import that breaks it, and dependency-cruiser must report exactly that rule;
 * the same tree without the probe passes. (`npm run lint` runs the rules on the real src/.)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import type { IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};
const LAYERS = [
  'core',
  'sim',
  'sandbox',
  'projections',
  'checker',
  'workshop',
  'machines',
  'workers',
  'pwa',
  'room',
  'ui',
];

const root = mkdtempSync(join(tmpdir(), 'layers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let probeCount = 0;
/** A fresh tree: one harmless module per layer, then the `probe` files. */
function tree(probe: Record<string, string>): string {
  const dir = join(root, String(probeCount++));
  const files: Record<string, string> = {
    ...Object.fromEntries(LAYERS.map((l) => [`src/${l}/module.ts`, 'export const x = 1;\n'])),
    'exercises/01-probe/manifest.ts': 'export const manifest = {};\n',
    ...probe,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function violations(dir: string): Promise<string[]> {
  // Rule paths are relative to the cruised tree, as they are in the repository.
  const result = await cruise(
    ['src', 'scripts'].filter((d) => existsSync(join(dir, d))),
    {
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: true,
    },
  );
  const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(output.summary.violations.map((v) => v.rule.name))];
}

/** A layer the rule of `from` forbids, from the rule's own `pathNot` list. */
function forbiddenTarget(rule: IForbiddenRuleType): string {
  const to = (rule as { to: { pathNot?: string | string[] } }).to;
  const allowed = new Set(
    ([] as string[]).concat(to.pathNot ?? []).map((p) => /\^src\/([^/]+)\//.exec(p)?.[1]),
  );
  const target = LAYERS.find((l) => !allowed.has(l));
  if (!target) throw new Error(`${rule.name} forbids nothing`);
  return target;
}

const layerRules = config.forbidden
  .map((r) => ({ ...r, name: r.name ?? '' }))
  .filter((r) => /-imports-only-/.test(r.name));

describe('the layer rules', () => {
  it('cover every layer below the UI', () => {
    expect(layerRules.map((r) => r.name.split('-imports-only-')[0])).toEqual(
      LAYERS.filter((l) => l !== 'ui'),
    );
  });

  it('a tree of layers importing nothing passes', async () => {
    expect(await violations(tree({}))).toEqual([]);
  });

  it.each(layerRules.map((r) => [r.name, r as IForbiddenRuleType] as const))(
    '%s: a probe import against it is reported',
    async (name, rule) => {
      const from = name.split('-imports-only-')[0]!;
      const to = forbiddenTarget(rule);
      const dir = tree({ [`src/${from}/probe.ts`]: `export { x } from '../${to}/module';\n` });
      expect(await violations(dir)).toEqual([name]);
    },
  );

  it('an import cycle is reported', async () => {
    const dir = tree({
      'src/sim/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/sim/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(await violations(dir)).toEqual(['no-cycles']);
  });

  it('importing an exercise folder from src is reported', async () => {
    const dir = tree({
      'src/workshop/probe.ts': "export { manifest } from '../../exercises/01-probe/manifest';\n",
    });
    expect(await violations(dir)).toEqual(['exercise-folders-are-data']);
  });

  it('importing an exercise folder from scripts is reported', async () => {
    const dir = tree({
      'scripts/probe.ts': "export { manifest } from '../exercises/01-probe/manifest';\n",
    });
    expect(await violations(dir)).toEqual(['exercise-folders-are-data']);
  });
});
