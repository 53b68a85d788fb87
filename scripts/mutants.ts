/**
 * Mutants of an exercise's reference solution: plausible wrong fixes, generated, so an exercise's
 * verdict is measured against more than the variants its author thought of.
 *
 * Contract: `generateMutants(source)` parses the learner file with TypeScript's parser (no type
 * checking) and returns one mutant per applicable edit, each with a stable id
 * (`<operator> in <function> #<n>`) that a manifest can list as equivalent:
 * - `delete-call`: an awaited `ctx` call statement removed;
 * - `swap-calls`: two adjacent statements that each await a `ctx` call swapped;
 * - `drop-expectedVersion`: an `expectedVersion` option removed (no optimistic concurrency,
 *   no create-only);
 * - `per-attempt-id`: an `id` or `idempotencyKey` option replaced by `ctx.newId()`;
 * - `gut`: an exported function's body replaced by `return;`; `throw-first`: by a throw;
 * - `swallow`: a `catch` block's body emptied;
 * - `do-nothing-file` / `throw-file`: every exported function gutted / throwing at once.
 * Used by `npm run verify-exercises` (scripts only: the TypeScript package never reaches the app).
 */
import ts from 'typescript';

export interface Mutant {
  id: string;
  operator: string;
  /** The mutated source. */
  source: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function apply(source: string, edits: Edit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The name of the function a node is in (declaration, variable or property name), or "module". */
function enclosingFunction(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parent) {
      const p = n.parent;
      if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
    }
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  }
  return 'module';
}

/** `await ctx.x(...)`, `await ctx.kv.x(...)` (any callee rooted at an identifier named ctx). */
function isAwaitedCtxCall(node: ts.Node): boolean {
  if (!ts.isAwaitExpression(node) || !ts.isCallExpression(node.expression)) return false;
  let callee: ts.Expression = node.expression.expression;
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && callee.text === 'ctx';
}

/** Whether a statement awaits a ctx call at its top level (expression or declaration). */
function statementAwaitsCtx(s: ts.Statement): boolean {
  if (ts.isExpressionStatement(s)) return isAwaitedCtxCall(s.expression);
  if (ts.isVariableStatement(s))
    return s.declarationList.declarations.some(
      (d) => !!d.initializer && isAwaitedCtxCall(d.initializer),
    );
  return false;
}

function isExported(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node))
    return !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return false;
}

/** Exported functions of the file: declarations and `export const f = async (...) => {...}`. */
function exportedBodies(file: ts.SourceFile): { name: string; body: ts.Block }[] {
  const out: { name: string; body: ts.Block }[] = [];
  for (const s of file.statements) {
    if (isExported(s) && ts.isFunctionDeclaration(s) && s.name && s.body)
      out.push({ name: s.name.text, body: s.body });
    if (
      ts.isVariableStatement(s) &&
      s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) &&
          ts.isBlock(init.body) &&
          ts.isIdentifier(d.name)
        )
          out.push({ name: d.name.text, body: init.body });
      }
    }
  }
  return out;
}

export function generateMutants(source: string, fileName = 'solution.ts'): Mutant[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const mutants: Mutant[] = [];
  const counters = new Map<string, number>();
  const add = (operator: string, where: string, edits: Edit[]) => {
    const key = `${operator} in ${where}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    mutants.push({ id: `${key} #${n}`, operator, source: apply(source, edits) });
  };
  const ctxCallOptions = (node: ts.Node): boolean => {
    // An object literal that is an argument of a ctx call (options, message or write op).
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isCallExpression(n)) {
        let callee: ts.Expression = n.expression;
        while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
        return ts.isIdentifier(callee) && callee.text === 'ctx';
      }
      if (ts.isBlock(n) || ts.isSourceFile(n)) return false;
    }
    return false;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node)) {
      const statements = [...(node as ts.Block).statements];
      statements.forEach((s, i) => {
        if (!statementAwaitsCtx(s)) return;
        if (ts.isExpressionStatement(s))
          add('delete-call', enclosingFunction(s), [
            { start: s.getStart(file), end: s.getEnd(), text: ';' },
          ]);
        const next = statements[i + 1];
        if (next && statementAwaitsCtx(next))
          add('swap-calls', enclosingFunction(s), [
            { start: s.getStart(file), end: s.getEnd(), text: next.getText(file) },
            { start: next.getStart(file), end: next.getEnd(), text: s.getText(file) },
          ]);
      });
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      const name = node.name.text;
      if (name === 'expectedVersion')
        add('drop-expectedVersion', enclosingFunction(node), [
          {
            start: node.initializer.getStart(file),
            end: node.initializer.getEnd(),
            text: 'undefined',
          },
        ]);
      if ((name === 'id' || name === 'idempotencyKey') && ctxCallOptions(node))
        add('per-attempt-id', enclosingFunction(node), [
          {
            start: node.initializer.getStart(file),
            end: node.initializer.getEnd(),
            text: 'ctx.newId()',
          },
        ]);
    }
    if (ts.isCatchClause(node))
      add('swallow', enclosingFunction(node), [
        { start: node.block.getStart(file), end: node.block.getEnd(), text: '{}' },
      ]);
    ts.forEachChild(node, visit);
  };
  visit(file);

  const bodies = exportedBodies(file);
  const gut = (b: ts.Block): Edit => ({
    start: b.getStart(file),
    end: b.getEnd(),
    text: '{ return; }',
  });
  const fail = (b: ts.Block): Edit => ({
    start: b.getStart(file) + 1,
    end: b.getStart(file) + 1,
    text: " throw new Error('not implemented yet');",
  });
  for (const { name, body } of bodies) {
    add('gut', name, [gut(body)]);
    add('throw-first', name, [fail(body)]);
  }
  if (bodies.length > 1) {
    add(
      'do-nothing-file',
      'file',
      bodies.map((b) => gut(b.body)),
    );
    add(
      'throw-file',
      'file',
      bodies.map((b) => fail(b.body)),
    );
  }
  return mutants;
}
