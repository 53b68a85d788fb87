/**
 * Static checks on the compiled JavaScript (sucrase output, before the generator rewrite), so
 * the learner sees problems before anything runs: references to forbidden globals that are not
 * locally bound (a local `const document = ...` is fine), `Math.random`, `require`/`import()` of
 * anything but the allowed type modules, learner generators, `for await`, and the names the
 * sandbox reserves for itself. A light scope analysis: `var` is hoisted to its function, every
 * other declaration binds in its block; that is exact for the strict-mode code sucrase emits.
 */
import type { AnyNode, Program, Statement, ModuleDeclaration } from 'acorn';
import { childNodes, isFunctionNode, patternNames } from './ast';
import { FORBIDDEN_NAMES, forbiddenMessage } from './forbidden';

export interface StaticIssue {
  /** Offset in the checked (sucrase output) code. */
  pos: number;
  kind: 'forbidden' | 'syntax';
  message: string;
}

/** Identifiers the rewrite injects; learner code may not declare or use them. */
export const RESERVED_NAMES: readonly string[] = ['__await', '__tick', '__guard', '__e'];

const FORBIDDEN = new Set(FORBIDDEN_NAMES);
const RESERVED = new Set(RESERVED_NAMES);

class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent?: Scope) {}
  has(name: string): boolean {
    return this.names.has(name) || (this.parent?.has(name) ?? false);
  }
}

export function checkProgram(program: Program, allowedImports: readonly string[]): StaticIssue[] {
  const issues: StaticIssue[] = [];
  const report = (pos: number, kind: StaticIssue['kind'], message: string) => {
    if (!issues.some((i) => i.pos === pos)) issues.push({ pos, kind, message });
  };
  const root = new Scope();
  hoistVars(program, root);
  declareLexical(program.body, root);

  const visit = (node: AnyNode, scope: Scope): void => {
    switch (node.type) {
      case 'Identifier':
        if (RESERVED.has(node.name)) {
          report(node.start, 'forbidden', `\`${node.name}\` is a name reserved by the sandbox`);
        } else if (FORBIDDEN.has(node.name) && !scope.has(node.name)) {
          report(node.start, 'forbidden', forbiddenMessage(node.name));
        }
        return;
      case 'MemberExpression': {
        const obj = node.object;
        if (obj.type === 'Identifier' && !node.computed && node.property.type === 'Identifier') {
          const what = `${obj.name}.${node.property.name}`;
          if (what === 'Math.random' && !scope.has('Math')) {
            return report(obj.start, 'forbidden', forbiddenMessage(what));
          }
          if (FORBIDDEN.has(obj.name) && !scope.has(obj.name)) {
            return report(obj.start, 'forbidden', forbiddenMessage(what));
          }
        }
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      }
      case 'CallExpression':
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          checkRequire(node, scope);
        }
        break;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed) visit(node.key, scope);
        if (node.value) visit(node.value, scope);
        return;
      case 'LabeledStatement':
        return visit(node.body, scope);
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      case 'MetaProperty':
        if (node.meta.name !== 'import') return;
        return report(
          node.start,
          'forbidden',
          `${node.meta.name}.${node.property.name} is not available in handlers`,
        );
      case 'ImportExpression':
        return report(node.start, 'forbidden', importMessage());
      case 'ForOfStatement':
        if (node.await) {
          report(
            node.start,
            'forbidden',
            'for await is not supported in handlers: use a plain for...of and await each ctx call inside it',
          );
        }
        return visitWithScope(node, scope, (s) => declareFor(node.left, s));
      case 'ForStatement':
      case 'ForInStatement':
        return visitWithScope(node, scope, (s) =>
          declareFor(node.type === 'ForStatement' ? node.init : node.left, s),
        );
      case 'BlockStatement':
      case 'StaticBlock':
        return visitWithScope(node, scope, (s) => declareLexical(node.body, s));
      case 'SwitchStatement':
        return visitWithScope(node, scope, (s) =>
          node.cases.forEach((c) => declareLexical(c.consequent, s)),
        );
      case 'CatchClause':
        return visitWithScope(node, scope, (s) => {
          patternNames(node.param).forEach((n) => s.names.add(n));
          declareLexical(node.body.body, s);
        });
      case 'ClassExpression':
        return visitWithScope(node, scope, (s) => node.id && s.names.add(node.id.name));
      case 'YieldExpression':
        return report(node.start, 'forbidden', generatorMessage());
      default:
        if (isFunctionNode(node)) return visitFunction(node);
        break;
    }
    for (const child of childNodes(node)) visit(child, scope);

    function visitFunction(fn: Extract<AnyNode, { params: unknown }>): void {
      if (fn.generator) report(fn.start, 'forbidden', generatorMessage());
      const s = new Scope(scope);
      if (fn.type === 'FunctionExpression' && fn.id) s.names.add(fn.id.name);
      fn.params.forEach((p) => patternNames(p).forEach((n) => s.names.add(n)));
      if (fn.body.type === 'BlockStatement') {
        hoistVars(fn.body, s);
        declareLexical(fn.body.body, s);
        fn.body.body.forEach((st) => visit(st, s));
      } else {
        visit(fn.body, s);
      }
      if (fn.id && fn.type === 'FunctionDeclaration') visit(fn.id, scope);
      fn.params.forEach((p) => visit(p, s));
    }
  };

  function visitWithScope(node: AnyNode, scope: Scope, declare: (s: Scope) => unknown): void {
    const s = new Scope(scope);
    declare(s);
    for (const child of childNodes(node)) visit(child, s);
  }

  function checkRequire(node: Extract<AnyNode, { type: 'CallExpression' }>, scope: Scope): void {
    if (scope.has('require')) return;
    const arg = node.arguments[0];
    const spec = arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
    if (spec === undefined || !allowedImports.includes(spec)) {
      report(arg?.start ?? node.start, 'forbidden', importMessage(spec));
    }
  }

  program.body.forEach((st) => visit(st, root));
  return issues.sort((a, b) => a.pos - b.pos);
}

export function generatorMessage(): string {
  return 'generators are not supported in handlers (function* / yield): write async functions and await ctx calls';
}

export function importMessage(spec?: string): string {
  const what = spec === undefined ? 'Dynamic imports are' : `Importing '${spec}' is`;
  return `${what} not allowed in handlers: only type imports (import type { ... } from './types') are available`;
}

/** `var` declarations anywhere in this function body (not in nested functions). */
function hoistVars(node: AnyNode, scope: Scope): void {
  for (const child of childNodes(node)) {
    if (isFunctionNode(child) || child.type === 'StaticBlock' || child.type === 'ClassBody')
      continue;
    if (child.type === 'VariableDeclaration' && child.kind === 'var') {
      child.declarations.forEach((d) => patternNames(d.id).forEach((n) => scope.names.add(n)));
    }
    hoistVars(child, scope);
  }
}

/** Block-level declarations: let/const/var, functions and classes directly in `body`. */
function declareLexical(body: readonly (Statement | ModuleDeclaration)[], scope: Scope): void {
  for (const st of body) {
    if (st.type === 'VariableDeclaration') {
      st.declarations.forEach((d) => patternNames(d.id).forEach((n) => scope.names.add(n)));
    } else if ((st.type === 'FunctionDeclaration' || st.type === 'ClassDeclaration') && st.id) {
      scope.names.add(st.id.name);
    }
  }
}

function declareFor(head: AnyNode | null | undefined, scope: Scope): void {
  if (head?.type === 'VariableDeclaration') {
    head.declarations.forEach((d) => patternNames(d.id).forEach((n) => scope.names.add(n)));
  }
}
