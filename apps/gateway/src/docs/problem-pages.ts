import { PROBLEM_KINDS, type ProblemKindName, problemTypeUri } from '@platform/http';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
${body}
<p><a href="/docs/problems">Every problem type</a> · <a href="/docs">API reference</a></p>
</body>
</html>
`;

/**
 * What a problem's `type` resolves to (RFC 9457 §3.1.1: "when dereferenced, it SHOULD provide
 * human-readable documentation"): one page per platform kind, and the list of them.
 */
export function problemPage(kind: string): string | undefined {
  if (!(kind in PROBLEM_KINDS)) return undefined;
  const k = PROBLEM_KINDS[kind as ProblemKindName];
  return page(
    k.title,
    `<h1>${escape(k.title)}</h1>
<p><code>type</code>: <code>${problemTypeUri(kind as ProblemKindName)}</code> · status ${k.status}</p>
<p>${escape(k.description)}</p>`,
  );
}

export function problemIndexPage(): string {
  const items = Object.entries(PROBLEM_KINDS).map(
    ([name, k]) =>
      `<li><a href="${problemTypeUri(name as ProblemKindName)}">${escape(name)}</a> (${k.status}): ${escape(k.title)}</li>`,
  );
  return page(
    'Problem types',
    `<h1>Problem types</h1>
<p>Errors are RFC 9457 problems (<code>application/problem+json</code>). <code>type</code> is <code>about:blank</code> for a plain HTTP status, or one of these:</p>
<ul>
${items.join('\n')}
</ul>`,
  );
}
