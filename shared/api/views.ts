import { z } from 'zod';
import { groupSpecFromQuery } from '../runGroups.js';

/** The explorer's saved views: a named query, its columns, sort and grouping. */

/** A grouping as the explorer's URL writes it: `params.lr`, … or `*`, `-params.seed`, …; `[]` ungrouped. */
const Grouping = z
  .array(z.string().max(1_000))
  .max(5_000)
  .refine((g) => !g.length || groupSpecFromQuery(g) !== null, {
    message: 'group must be params.NAME values, or * followed by -params.NAME values',
  });

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  columns: z.array(z.string()),
  sort: z.string(),
  group: z.array(z.string()),
});
export type SavedView = z.infer<typeof SavedView>;

export const viewsApi = {
  'views.list': { input: z.object({}).default({}), output: z.array(SavedView) },
  'views.save': {
    input: z.object({
      name: z.string().trim().min(1, 'a view needs a name').max(200),
      query: z.string().max(10_000),
      columns: z.array(z.string()).max(5_000),
      sort: z.string().max(1_000).default(''),
      group: Grouping.default([]),
    }),
    output: SavedView,
  },
  'views.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ changed: z.number().int() }),
  },
} as const;
