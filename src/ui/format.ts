/** Numbers as the page writes them: 12,345 (the workshop's language is English). */
export const fmt = (n: number): string => n.toLocaleString('en-US');
