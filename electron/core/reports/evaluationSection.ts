import { z } from 'zod';
import { escapeHtml } from './escape.js';
import { formatValue, markdownTable } from './htmlPage.js';
import { lineChart } from './svgCharts.js';

/** What a classification run's evaluation.json holds (training/scoreModel.ts); NaN was stored as null. */
const Classification = z.object({
  classes: z.array(z.string()),
  confusion: z.array(z.array(z.number())),
  roc: z
    .array(
      z.object({
        label: z.string(),
        fpr: z.array(z.number()),
        tpr: z.array(z.number()),
        auc: z.number().nullable(),
      }),
    )
    .default([]),
  pr: z
    .array(
      z.object({
        label: z.string(),
        recall: z.array(z.number()),
        precision: z.array(z.number()),
        averagePrecision: z.number().nullable(),
      }),
    )
    .default([]),
});
type Classification = z.infer<typeof Classification>;

/** A classification run's test-split evaluation, or null (regression, no evaluation, another tool's run). */
export const classificationOf = (details: unknown): Classification | null => {
  const parsed = Classification.safeParse(details);
  return parsed.success && parsed.data.classes.length ? parsed.data : null;
};

const CORNER = 'true ↓ / predicted →';

function confusionHtml(c: Classification): string {
  const head = `<tr><th>${escapeHtml(CORNER)}</th>${c.classes.map((k) => `<th class="num">${escapeHtml(k)}</th>`).join('')}</tr>`;
  const rows = c.confusion
    .map(
      (row, i) =>
        `<tr><th>${escapeHtml(c.classes[i] ?? String(i))}</th>${row
          .map(
            (n, j) =>
              `<td class="num${i === j ? ' diagonal' : ''}">${escapeHtml(formatValue(n))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="confusion"><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>`;
}

const score = (name: string, v: number | null) => `${name} ${v === null ? 'n/a' : formatValue(v)}`;

/** The confusion matrix, then ROC and precision–recall curves per class, all on the test split. */
export function evaluationHtml(c: Classification, heading: string): string {
  const roc = lineChart(
    `ROC curve (test split)`,
    c.roc.map((r) => ({ label: `${r.label} (${score('AUC', r.auc)})`, x: r.fpr, y: r.tpr })),
    {
      xLabel: 'false positive rate',
      yLabel: 'true positive rate',
      xDomain: [0, 1],
      yDomain: [0, 1],
      diagonal: true,
    },
  );
  const pr = lineChart(
    `Precision–recall curve (test split)`,
    c.pr.map((p) => ({
      label: `${p.label} (${score('AP', p.averagePrecision)})`,
      x: p.recall,
      y: p.precision,
    })),
    { xLabel: 'recall', yLabel: 'precision', xDomain: [0, 1], yDomain: [0, 1] },
  );
  return `<h3>${escapeHtml(heading)}</h3>${confusionHtml(c)}<div class="charts">${roc}${pr}</div>`;
}

export function evaluationMarkdown(c: Classification): string {
  const matrix = markdownTable(
    [CORNER, ...c.classes],
    c.confusion.map((row, i) => [c.classes[i] ?? String(i), ...row]),
  );
  const scores = markdownTable(
    ['class', 'ROC AUC', 'average precision'],
    c.classes.map((k) => [
      k,
      c.roc.find((r) => r.label === k)?.auc ?? null,
      c.pr.find((p) => p.label === k)?.averagePrecision ?? null,
    ]),
  );
  return `${matrix}\n\n${scores}`;
}
