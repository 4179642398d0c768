// paneldesk schemas: JSON Schemas of the bundle documents, generated from the zod schemas (input side).
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { FORMAT_VERSION } from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS, type SessionDocumentName } from '../../../shared/bundle/schema';
import { EXPERT_SHEET_DOCUMENTS, SHEET_PAYLOAD_TYPE, SheetPayloadDoc } from '../../../shared/bundle/sheets';
import { RESULT_DOCUMENT_SCHEMAS, RESULT_PAYLOAD_SCHEMAS, type ResultDocumentName } from '../../../shared/result-bundle/schema';
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

/** Expert sheet bundles (§11): their two documents and the payload each sheet's envelope signs. */
export const EXPERT_SHEET_SCHEMAS: ReadonlyArray<{ file: string; title: string; schema: z.ZodType }> = [
  { file: 'expert-sheets.expert.schema.json', title: 'PanelDesk expert sheet bundle data/expert.json', schema: EXPERT_SHEET_DOCUMENTS['data/expert.json'] },
  { file: 'expert-sheets.sheets.schema.json', title: 'PanelDesk expert sheet bundle data/sheets.json', schema: EXPERT_SHEET_DOCUMENTS['data/sheets.json'] },
  { file: 'scoresheet-payload.schema.json', title: `PanelDesk score-sheet payload (${SHEET_PAYLOAD_TYPE})`, schema: SheetPayloadDoc },
];

/** Result bundles (§12): data/audit/log.json → result.audit-log.schema.json, data/result.json → result.header.schema.json. */
export function resultSchemaFileName(doc: ResultDocumentName): string {
  const base = doc === 'data/result.json' ? 'header' : doc.slice('data/'.length, -'.json'.length).replace('/', '-');
  return `result.${base}.schema.json`;
}

export const RESULT_SCHEMAS: ReadonlyArray<{ file: string; title: string; schema: z.ZodType }> = [
  ...(Object.keys(RESULT_DOCUMENT_SCHEMAS) as ResultDocumentName[]).map((doc) => ({
    file: resultSchemaFileName(doc),
    title: `PanelDesk result bundle ${doc}`,
    schema: RESULT_DOCUMENT_SCHEMAS[doc] as z.ZodType,
  })),
  ...Object.entries(RESULT_PAYLOAD_SCHEMAS)
    .filter(([name]) => name.startsWith('result.'))
    .map(([name, schema]) => ({ file: `${name}.schema.json`, title: `PanelDesk result bundle ${name.slice('result.'.length)}`, schema: schema as z.ZodType })),
];

function jsonSchemaOf(schema: z.ZodType, title: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return { $schema, title: `${title} (format version ${FORMAT_VERSION})`, ...rest };
}

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'write the JSON Schemas of the session bundle, expert sheet bundle and result bundle documents',
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
    for (const { file, title, schema } of [...EXPERT_SHEET_SCHEMAS, ...RESULT_SCHEMAS]) {
      await fs.writeFile(path.join(dir, file), `${JSON.stringify(jsonSchemaOf(schema, title), null, 2)}\n`);
      io.out(`wrote ${path.join(v.out, file)}`);
    }
    return 0;
  },
};
