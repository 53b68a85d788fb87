/**
 * The editor's themes: contrast of at least 4.5:1 for every token on the background, in dark
 * (One Dark's comments are below that) and in light (CodeMirror's default highlighting is, but
 * for template strings and regexps at #e40: 3.6:1). @codemirror/language and @lezer/highlight
 * come with @codemirror/lang-javascript.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const BG = '#11151c';

const darkHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: '#ffa3dc' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#b4eea8' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#ffc98a' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#b3bccb', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace], color: '#ffdc8a' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: '#9cc3ff' },
  { tag: [t.propertyName, t.attributeName], color: '#a8dcff' },
  { tag: [t.definition(t.variableName)], color: '#d7e8ff' },
  { tag: [t.variableName, t.operator, t.punctuation, t.bracket], color: '#eef1f6' },
  { tag: t.invalid, color: '#ffb1b1' },
]);

export const darkEditorTheme = [
  EditorView.theme(
    {
      '&': { backgroundColor: BG, color: '#eef1f6' },
      '.cm-content': { caretColor: '#ffffff' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#ffffff' },
      '.cm-gutters': { backgroundColor: '#171b23', color: '#c3cad6', borderColor: '#465064' },
      '.cm-activeLine': { backgroundColor: '#1b2130' },
      '.cm-activeLineGutter': { backgroundColor: '#1b2130' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
        backgroundColor: '#33415c',
      },
      '.cm-tooltip': { backgroundColor: '#171b23', color: '#eef1f6', border: '1px solid #465064' },
    },
    { dark: true },
  ),
  syntaxHighlighting(darkHighlight),
];

/** CodeMirror's default highlighting, with its two low-contrast colours darkened. */
const lightHighlight = HighlightStyle.define([
  { tag: t.meta, color: '#404740' },
  { tag: t.link, textDecoration: 'underline' },
  { tag: t.heading, textDecoration: 'underline', fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: t.keyword, color: '#708' },
  { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: '#219' },
  { tag: [t.literal, t.inserted], color: '#164' },
  { tag: [t.string, t.deleted], color: '#a11' },
  { tag: [t.regexp, t.escape, t.special(t.string)], color: '#b33000' },
  { tag: t.definition(t.variableName), color: '#00f' },
  { tag: t.local(t.variableName), color: '#30a' },
  { tag: [t.typeName, t.namespace], color: '#085' },
  { tag: t.className, color: '#167' },
  { tag: [t.special(t.variableName), t.macroName], color: '#256' },
  { tag: t.definition(t.propertyName), color: '#00c' },
  { tag: t.comment, color: '#940' },
  { tag: t.invalid, color: '#c00' },
]);

export const lightEditorTheme = [syntaxHighlighting(lightHighlight)];
