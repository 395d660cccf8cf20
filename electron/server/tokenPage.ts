/** Why the page was refused: no token anywhere, or one that is not this server's. */
export type TokenProblem = 'missing' | 'wrong';

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The page `benchtop serve` shows instead of the app when the address has no token (or a wrong one)
 * and the browser holds no session cookie: what is missing and where to find it. It names no path
 * of this machine: anyone who can reach the port can read it.
 */
export function tokenPage(problem: TokenProblem, origin: string): string {
  const why =
    problem === 'wrong'
      ? 'The token in this address is not this server’s: it may be an old one (<code>benchtop token --rotate</code> replaces it) or mistyped.'
      : 'This address has no token, and this browser holds no session for this server: a session lasts until the browser closes or the token changes.';
  const example = escape(`${origin}/?token=TOKEN`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Benchtop needs its token</title>
<style>
  :root { color-scheme: light dark; --bg: #f6f7f9; --surface: #fff; --border: #dfe2e7; --text: #1f2328; --muted: #667085; --code: #eef0f3; }
  @media (prefers-color-scheme: dark) {
    :root { --bg: #111318; --surface: #1a1d24; --border: #2c313b; --text: #e4e7ec; --muted: #9ba3b1; --code: #252a33; }
  }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
    font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  main { max-width: 560px; margin: 24px; padding: 24px 28px; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; }
  h1 { margin: 0 0 8px; font-size: 20px; }
  p.why { color: var(--muted); margin-top: 0; }
  code { padding: 1px 4px; background: var(--code); border-radius: 4px; font: 13px ui-monospace, 'SF Mono', Menlo, Consolas, monospace; }
  li { margin: 6px 0; }
</style>
</head>
<body>
<main>
<h1>Benchtop needs its token</h1>
<p class="why">${why}</p>
<p>Open the address with the token in it, <code>${example}</code>. To find the token:</p>
<ul>
<li><code>benchtop serve</code> printed the whole address when it started: <code>Benchtop is serving at ${escape(origin)}/?token=…</code></li>
<li><code>benchtop token</code> prints it (give it the same <code>--data-dir</code> as <code>serve</code>).</li>
<li>It is kept in the file <code>tracking-token</code> in Benchtop’s data directory: <code>--data-dir</code>, else <code>$BENCHTOP_HOME</code>, else <code>~/.config/Benchtop</code> (Linux), <code>~/Library/Application Support/Benchtop</code> (macOS) or <code>%APPDATA%\\Benchtop</code> (Windows).</li>
</ul>
<p>Once opened with it, this browser keeps the session until it closes: reloads, bookmarks and new tabs work without the token.</p>
</main>
</body>
</html>
`;
}
