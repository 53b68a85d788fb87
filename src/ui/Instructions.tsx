/**
 * An exercise's README as HTML: rendered with marked, sanitised with DOMPurify (READMEs are
 * content, and content is never trusted as markup). The leading `# Title` is dropped (the page
 * shows the title) and the other headings move one level down, under the "Instructions" heading.
 * `<details>` hints survive sanitising, so they still unfold one at a time. Code blocks are
 * focusable (they scroll sideways when wide).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

const marked = new Marked({
  gfm: true,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 1);
  },
});

export function toInstructionsHtml(readme: string): string {
  const withoutTitle = readme.replace(/^\s*#\s[^\n]*\n/, '');
  const html = marked.parse(withoutTitle, { async: false });
  const clean = DOMPurify.sanitize(html, { ADD_TAGS: ['details', 'summary'] });
  // A code block wider than the pane scrolls sideways: keyboard users reach it with Tab.
  return clean.replaceAll('<pre>', '<pre tabindex="0">');
}

export function Instructions({ readme }: { readme: string }) {
  const html = useMemo(() => toInstructionsHtml(readme), [readme]);
  return (
    <section className="panel instructions" aria-labelledby="instructions-title">
      <h2 id="instructions-title">Instructions</h2>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
