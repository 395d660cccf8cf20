import type { ArtifactPreview } from '../../../../shared/api/artifactPreview.js';

type Page = Extract<ArtifactPreview, { kind: 'html' }>;

/** The frame's own policy: nothing loads or runs, only inline styles and data: images. */
const FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * An HTML artifact in a frame with every sandbox permission off (`sandbox=""`: no scripts, no
 * forms, no popups, an opaque origin) and a CSP of its own on top.
 */
export function HtmlPreview({ page }: { page: Page }) {
  const doc = `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">${page.html}`;
  return (
    <div className="artifact-html">
      {page.scripts_disabled && (
        <p className="muted" role="note">
          This page has scripts: they are disabled in the preview.
        </p>
      )}
      <iframe title="HTML preview" sandbox="" srcDoc={doc} referrerPolicy="no-referrer" />
    </div>
  );
}
