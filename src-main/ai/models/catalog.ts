import { z } from 'zod';
import { readJsonFile } from '../../core/json-file.js';

const RelativeFile = z
  .string()
  .min(1)
  .refine((file) => !file.startsWith('/') && !file.split('/').includes('..'), 'a model file is a plain path inside the model folder');

export const CatalogModel = z.object({
  /** The folder name on disk: "opus-mt-es-en". */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  /** The repository on the hub (or the mirror): "Xenova/opus-mt-es-en". */
  repo: z.string().regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/),
  revision: z.string().min(1).optional(),
  task: z.enum(['translation', 'embedding']),
  /** One direction, or "m2m100" for its hundred languages. */
  languages: z.union([z.object({ source: z.string(), target: z.string() }), z.object({ among: z.literal('m2m100') })]).optional(),
  licence: z.string().min(1),
  dtype: z.enum(['fp32', 'q8']),
  /** Approximate, for the list before a download asks the server. */
  sizeBytes: z.number().int().positive(),
  files: z.array(RelativeFile).min(1),
  /** Optional pinned checksums per file; without one, the hub's own checksum header is checked. */
  sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).optional(),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

export const Catalog = z.object({ note: z.string().optional(), revision: z.string().default('main'), models: z.array(CatalogModel) });
export type Catalog = z.infer<typeof Catalog>;

export function loadCatalog(file: string): Catalog {
  return readJsonFile(file, Catalog);
}
