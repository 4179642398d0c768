// paneldesk schemas: JSON Schemas of the bundle documents, generated from the zod schemas (input side).
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { FORMAT_VERSION } from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS, type SessionDocumentName } from '../../../shared/bundle/schema';
import { parseCommandArgs } from '../args';
import { UsageError, type Command } from '../command';

/** data/session.json → session.schema.json */
export function schemaFileName(doc: SessionDocumentName): string {
  return `${path.posix.basename(doc, '.json')}.schema.json`;
}

export function documentJsonSchema(doc: SessionDocumentName): Record<string, unknown> {
  const schema = z.toJSONSchema(SESSION_DOCUMENTS[doc], { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, title: `PanelDesk session bundle ${doc} (format version ${FORMAT_VERSION})`, ...rest };
}

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'write the JSON Schemas of the session bundle documents',
  usage: 'paneldesk schemas --out DIR',
  async run(args, io) {
    const v = parseCommandArgs(args, { out: { type: 'string', short: 'o' } });
    if (!v.out) throw new UsageError('--out DIR is required');
    const dir = path.resolve(io.cwd, v.out);
    await fs.mkdir(dir, { recursive: true });
    for (const doc of Object.keys(SESSION_DOCUMENTS) as SessionDocumentName[]) {
      const file = schemaFileName(doc);
      await fs.writeFile(path.join(dir, file), `${JSON.stringify(documentJsonSchema(doc), null, 2)}\n`);
      io.out(`wrote ${path.join(v.out, file)}`);
    }
    return 0;
  },
};
