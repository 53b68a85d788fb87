/**
 * The editor's dark theme: contrast of at least 4.5:1 for every token on the dark background
 * (One Dark's comments are below that). @codemirror/language and @lezer/highlight come with
 * @codemirror/lang-javascript.
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
