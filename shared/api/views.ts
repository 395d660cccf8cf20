import { z } from 'zod';

/** The explorer's saved views: a named query, its columns and sort. */

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  columns: z.array(z.string()),
  sort: z.string(),
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
    }),
    output: SavedView,
  },
  'views.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ changed: z.number().int() }),
  },
} as const;
