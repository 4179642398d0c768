// What a host accepts from the renderer as a print request (hosts only; the renderer never parses it).
import { z } from 'zod';
import { PRINT_VIEWS } from './print';

export const PrintRequestSchema = z
  .object({
    view: z.enum(PRINT_VIEWS),
    params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), z.string().max(2000)).refine((p) => Object.keys(p).length <= 32, 'too many params'),
    suggestedName: z.string().min(1).max(200),
  })
  .strict();
