import type { ReactNode } from 'react';

/**
 * A small Markdown subset (headings, lists, code, bold, italic, code spans, http links) built
 * as React elements. Nothing is parsed as HTML: `<script>` in a note shows as text.
 */
export function NoteMarkdown({ source }: { source: string }) {
  return <div className="note-markdown">{blocks(source)}</div>;
}

function blocks(source: string): ReactNode[] {
  const out: ReactNode[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const key = out.length;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      out.push(<pre key={key}>{code.join('\n')}</pre>);
    } else if (/^#{1,3}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      const text = inline(line.slice(level).trim());
      out.push(level === 1 ? <h3 key={key}>{text}</h3> : <h4 key={key}>{text}</h4>);
      i++;
    } else if (/^\s*[-*]\s/.test(line)) {
      const items: ReactNode[] = [];
      for (; i < lines.length && /^\s*[-*]\s/.test(lines[i]!); i++) {
        items.push(<li key={items.length}>{inline(lines[i]!.replace(/^\s*[-*]\s/, ''))}</li>);
      }
      out.push(<ul key={key}>{items}</ul>);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      for (
        ;
        i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,3}\s|```|\s*[-*]\s)/.test(lines[i]!);
        i++
      )
        para.push(lines[i]!);
      out.push(<p key={key}>{inline(para.join(' '))}</p>);
    }
  }
  return out;
}

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/;

function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('*')) return <em key={i}>{part.slice(1, -1)}</em>;
    const [, label, href] = /^\[([^\]]+)\]\((.+)\)$/.exec(part)!;
    return (
      <a key={i} href={href} target="_blank" rel="noreferrer noopener">
        {label}
      </a>
    );
  });
}
