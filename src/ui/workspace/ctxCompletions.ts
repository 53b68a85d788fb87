/**
 * Completion and hover docs for the learner's `ctx.`, `ctx.kv.` and `ctx.events.`: signatures and
 * TSDoc come from `ctxDocs.generated.ts`, which scripts/generate-ctx-docs.ts generates from the
 * real `HandlerContext` type in src/sim/context.ts (ctxDocs.test.ts keeps it up to date).
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { CTX_DOCS } from './ctxDocs.generated';
import type { CtxMemberDoc } from './ctxDocs.generated';

export type CtxGroup = keyof typeof CTX_DOCS;

/** The text after the member's name: `<T>(collection: string, …): Promise<…>` or `: string`. */
function detailOf(m: CtxMemberDoc): string {
  const at = m.signature.indexOf(m.name);
  return at < 0 ? m.signature : m.signature.slice(at + m.name.length);
}

export function toCompletion(m: CtxMemberDoc): Completion {
  return {
    label: m.name,
    type: m.kind,
    detail: detailOf(m),
    info: `${m.signature}\n\n${m.doc}`,
    ...(m.kind === 'method' ? { apply: `${m.name}(` } : {}),
  };
}

/** Completes `ctx.`, `ctx.kv.` and `ctx.events.` (any variable named `ctx`). */
export function ctxCompletionSource(context: CompletionContext): CompletionResult | null {
  const match = context.matchBefore(/\bctx\.(?:(kv|events)\.)?\w*$/);
  if (!match) return null;
  const dot = match.text.lastIndexOf('.');
  const group: CtxGroup = (/^ctx\.(kv|events)\./.exec(match.text)?.[1] as CtxGroup) ?? 'ctx';
  return {
    from: match.from + dot + 1,
    options: CTX_DOCS[group].map(toCompletion),
    validFor: /^\w*$/,
  };
}

/**
 * The `ctx` member whose name covers offset `at` of `line` (`ctx.load`, `ctx.kv.put`, or the
 * `kv` of `ctx.kv`), with its offsets in the line; null elsewhere.
 */
export function ctxMemberAt(
  line: string,
  at: number,
): { from: number; to: number; member: CtxMemberDoc } | null {
  let from = at;
  let to = at;
  while (from > 0 && /\w/.test(line[from - 1]!)) from--;
  while (to < line.length && /\w/.test(line[to]!)) to++;
  if (from === to) return null;
  const name = line.slice(from, to);
  const before = /\bctx\s*\.\s*(?:(kv|events)\s*\.\s*)?$/.exec(line.slice(0, from));
  if (!before) return null;
  const group: CtxGroup = (before[1] as CtxGroup | undefined) ?? 'ctx';
  const member = CTX_DOCS[group].find((m) => m.name === name);
  return member ? { from, to, member } : null;
}

/** Hover tooltips with the signature and doc of `ctx.load`, `ctx.kv.put`, etc. */
export const ctxHover = [
  hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const found = ctxMemberAt(line.text, pos - line.from);
    if (!found) return null;
    return {
      pos: line.from + found.from,
      end: line.from + found.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-ctx-doc';
        dom.setAttribute('data-testid', 'ctx-hover');
        const signature = document.createElement('code');
        signature.className = 'cm-ctx-doc-signature';
        signature.textContent = found.member.signature;
        const doc = document.createElement('p');
        doc.className = 'cm-ctx-doc-text';
        doc.textContent = found.member.doc;
        dom.append(signature, doc);
        return { dom };
      },
    };
  }),
  EditorView.baseTheme({
    '.cm-ctx-doc': { maxWidth: '42em', padding: '6px 8px', fontSize: '14px' },
    '.cm-ctx-doc-signature': { display: 'block', whiteSpace: 'pre-wrap', fontWeight: 600 },
    '.cm-ctx-doc-text': { margin: '4px 0 0' },
  }),
];
