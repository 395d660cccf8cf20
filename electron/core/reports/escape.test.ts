import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from './escape.js';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });
  it('prints null and undefined as empty and numbers as they are', () => {
    expect([escapeHtml(null), escapeHtml(undefined), escapeHtml(0.5)]).toEqual(['', '', '0.5']);
  });
});

describe('escapeMarkdown', () => {
  it('keeps a table cell one cell and inert', () => {
    expect(escapeMarkdown('a|b\nc <script>')).toBe('a\\|b c &lt;script&gt;');
    expect(escapeMarkdown('[x](javascript:1)')).toBe('\\[x\\](javascript:1)');
  });
});
