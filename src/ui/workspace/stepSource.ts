/**
 * The code of one step of a learner's model (exercise 18): the method `Name(s) { ... }` (or
 * `Name: (s) => { ... }`) in their file, matched by name and balanced braces. Text only, never
 * evaluated; null when the step is not written that way (the table then shows no code).
 */
export function stepSource(code: string, name: string): string | null {
  if (!/^\w+$/.test(name)) return null;
  const start = new RegExp(`^([ \\t]*)${name}\\s*(?::\\s*)?\\(`, 'm').exec(code);
  if (!start) return null;
  const open = code.indexOf('{', start.index);
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return dedent(code.slice(start.index, i + 1), start[1]!);
  }
  return null;
}

function dedent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}
