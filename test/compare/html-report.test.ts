import { describe, expect, it } from 'vitest';
import { buildReport, escapeHtml, renderHtmlReport } from '../../src/compare/index.ts';

const report = buildReport({
  control: 'http://manager/admin/gql',
  candidate: 'http://gateway/admin/gql?<x>',
  generatedAt: '2024-01-01T00:00:00Z',
  rules: ['quirk digest-padding'],
  skipped: ['Change: a mutation, not sent'],
  results: [
    {
      operation: 'AdminImages',
      baseline: [],
      observations: [
        {
          path: 'a.digest',
          at: 'a[0].digest',
          outcome: 'mismatched',
          control: '<script>alert(1)</script>',
          candidate: 'b',
        },
        { path: 'a.id', at: 'a[0].id', outcome: 'matched' },
        {
          path: 'a.tag',
          at: 'a[0].tag',
          outcome: 'ignored',
          control: 'x ',
          candidate: 'x',
          reason: 'quirk digest-padding',
        },
      ],
    },
  ],
});

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(report);

  it('says the verdict, both endpoints, the totals and the rules', () => {
    expect(html).toContain('1 unexpected difference at 1 field path');
    expect(html).toContain('http://manager/admin/gql');
    expect(html).toContain('<b>1</b><span>mismatched</span>');
    expect(html).toContain(
      'quirk digest-padding <span class="muted">(26.2 and later): Digests keep the pad space of their <code>CHAR(72)</code>',
    );
    expect(html).toContain('Change: a mutation, not sent');
  });

  it('lists every path with its counts and links the ones with examples to them', () => {
    expect(html).toMatch(/<a href="#path-0"><code>a.digest<\/code><\/a>/);
    expect(html).toContain('<h3 id="path-0">');
    expect(html).toContain('<code>a.id</code>');
    expect(html).toContain('a[0].tag');
  });

  it('is one self-contained page: no script, no resource from elsewhere, every value escaped', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(/i);
    expect(html).not.toContain('href="http');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('gateway/admin/gql?&#60;x&#62;');
  });

  it('reads as passing when nothing unexpected differs', () => {
    expect(renderHtmlReport({ ...report, mismatches: 0 })).toContain('Nothing unexpected differs');
  });

  it('escapes the five characters HTML gives meaning', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});
