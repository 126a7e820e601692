/**
 * The comparison report as one self-contained HTML page for a person to read: the verdict and totals,
 * a table per operation and per field path, then examples of every path that did not simply match.
 * Inline CSS only: no scripts, fonts or images from anywhere.
 */
import { quirkNamed } from './quirks.ts';
import type { CompareReport, Example, PathReport } from './report.ts';

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2430; margin: 0; background: #f5f6f8; }
main { max-width: 1140px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 14px; margin: 18px 0 6px; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 14px; font-weight: 600; margin: 8px 0 14px; }
.pass { background: #dff3e4; color: #17603a; } .fail { background: #fde2e1; color: #9b1c1c; }
.endpoints { color: #4a5568; } .endpoints code { color: #1d2430; }
.cards { display: flex; gap: 12px; margin: 16px 0; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 10px 16px; min-width: 120px; }
.card b { display: block; font-size: 22px; } .card span { color: #5a6473; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #dde1e7; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #eceff3; vertical-align: top; }
th { background: #eef1f5; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #4a5568; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 88px; }
tr.bad td { background: #fff4f3; } tr.bad td.mismatched { color: #9b1c1c; font-weight: 600; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; max-width: 330px; }
.tag { font-size: 11px; padding: 1px 7px; border-radius: 9px; font-weight: 600; }
.tag.mismatched { background: #fde2e1; color: #9b1c1c; } .tag.ignored { background: #e7ecf7; color: #2c4a8a; }
.tag.noisy { background: #fbf0d9; color: #7a5300; }
ul { margin: 6px 0; } .muted { color: #5a6473; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function card(label: string, value: number): string {
  return `<div class="card"><b>${value}</b><span>${label}</span></div>`;
}

function counts(row: { matched: number; mismatched: number; ignored: number; noisy: number }): string {
  return (['matched', 'mismatched', 'ignored', 'noisy'] as const)
    .map((kind) => `<td class="n ${kind}">${row[kind]}</td>`)
    .join('');
}

function pathRow(path: PathReport, anchor: string): string {
  const name = path.examples.length
    ? `<a href="#${anchor}"><code>${escapeHtml(path.path)}</code></a>`
    : `<code>${escapeHtml(path.path)}</code>`;
  return `<tr class="${path.mismatched ? 'bad' : ''}"><td>${name}</td>${counts(path)}</tr>`;
}

function exampleRow(example: Example): string {
  return [
    `<tr><td><span class="tag ${example.outcome}">${example.outcome}</span></td>`,
    `<td>${escapeHtml(example.operation)}<br><code class="muted">${escapeHtml(example.at)}</code></td>`,
    `<td><pre>${escapeHtml(example.control)}</pre></td><td><pre>${escapeHtml(example.candidate)}</pre></td>`,
    `<td>${escapeHtml(example.reason ?? '')}</td></tr>`,
  ].join('');
}

function examplesOf(path: PathReport, anchor: string): string {
  return [
    `<h3 id="${anchor}"><code>${escapeHtml(path.path)}</code></h3>`,
    '<table><tr><th>outcome</th><th>operation and value</th><th>control</th><th>candidate</th><th>rule</th></tr>',
    ...path.examples.map(exampleRow),
    '</table>',
  ].join('\n');
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function list(title: string, items: string[]): string {
  if (items.length === 0) return '';
  return `<h2>${title}</h2><ul>${items.map((entry) => `<li>${entry}</li>`).join('')}</ul>`;
}

/** A rule as the report names it, with what a named quirk means. */
function ruleItem(reason: string): string {
  const quirk = reason.startsWith('quirk ') ? quirkNamed(reason.slice('quirk '.length)) : undefined;
  if (!quirk) return escapeHtml(reason);
  const meaning = escapeHtml(quirk.meaning).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `${escapeHtml(reason)} <span class="muted">(${escapeHtml(quirk.releases)}): ${meaning}</span>`;
}

export function renderHtmlReport(report: CompareReport): string {
  const failing = report.paths.filter((path) => path.mismatched > 0).length;
  const verdict =
    report.mismatches === 0
      ? '<div class="verdict pass">Nothing unexpected differs</div>'
      : `<div class="verdict fail">${plural(report.mismatches, 'unexpected difference')} at ${plural(failing, 'field path')}</div>`;
  const anchor = (index: number) => `path-${index}`;
  const withExamples = report.paths.flatMap((path, index) => (path.examples.length ? [{ path, index }] : []));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>compare: ${report.mismatches} mismatches</title>
<style>${CSS}</style></head>
<body><main>
<h1>imagev2-gateway compare</h1>
${verdict}
<div class="endpoints">control <code>${escapeHtml(report.control)}</code> (asked twice for the noise baseline)<br>
candidate <code>${escapeHtml(report.candidate)}</code><br><span class="muted">${escapeHtml(report.generatedAt)}</span></div>
<div class="cards">${card('operations', report.operations)}${card('matched', report.matched)}${card('mismatched', report.mismatches)}${card('ignored', report.ignored)}${card('noisy', report.noisy)}</div>
${list('Rules applied', report.rules.map(ruleItem))}
${list('Not sent', report.skipped.map(escapeHtml))}
<h2>Operations</h2>
<table><tr><th>operation</th><th>matched</th><th>mismatched</th><th>ignored</th><th>noisy</th></tr>
${report.perOperation.map((op) => `<tr class="${op.mismatched ? 'bad' : ''}"><td>${escapeHtml(op.name)}</td>${counts(op)}</tr>`).join('\n')}
</table>
<h2>Field paths</h2>
<table><tr><th>path</th><th>matched</th><th>mismatched</th><th>ignored</th><th>noisy</th></tr>
${report.paths.map((path, index) => pathRow(path, anchor(index))).join('\n')}
</table>
${withExamples.length ? '<h2>Examples</h2>' : ''}
${withExamples.map(({ path, index }) => examplesOf(path, anchor(index))).join('\n')}
</main></body></html>
`;
}
