import { describe, expect, it } from 'vitest';
import type { SessionBundleContent } from '../../../shared/bundle/schema';
import { validateSessionDocuments } from '../../../shared/bundle/validate';
import { AppError, type ErrorDetails } from '../../../shared/errors';
import { attachmentSizes, bagInfoOf, encodeDocuments, sessionContent, sha256Hex } from '../../fixtures/session-docs';

interface Inputs {
  docs: Map<string, Uint8Array>;
  attachments: Map<string, { size: number }>;
  bagInfo: { sessionId: string; bundleVersion: number };
}

/** The fixture's inputs after `edit`; `tweak` may then change the raw inputs. */
function inputs(edit: (c: SessionBundleContent) => void = () => undefined, tweak: (i: Inputs) => void = () => undefined): Inputs {
  const c = sessionContent();
  edit(c);
  const i = { docs: encodeDocuments(c), attachments: attachmentSizes(c), bagInfo: bagInfoOf(c) };
  tweak(i);
  return i;
}

function failure(i: Inputs): AppError {
  try {
    validateSessionDocuments(i.docs, i.attachments, i.bagInfo);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the documents to be refused');
}

function expectBadRef(i: Inputs, details: ErrorDetails): void {
  const err = failure(i);
  expect(err.code).toBe('BUNDLE_BAD_REFERENCE');
  expect(err.details).toMatchObject(details);
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('validateSessionDocuments: a valid set', () => {
  it('passes and returns the parsed documents', () => {
    const i = inputs();
    const out = validateSessionDocuments(i.docs, i.attachments, i.bagInfo);
    expect(out).toEqual(sessionContent());
  });

  it('fills schema defaults (settings, evidence, achievements, attachments)', () => {
    const i = inputs(undefined, (x) => {
      const session = JSON.parse(new TextDecoder().decode(x.docs.get('data/session.json'))) as Record<string, unknown>;
      delete session.settings;
      x.docs.set('data/session.json', enc(JSON.stringify(session)));
      const dossiers = JSON.parse(new TextDecoder().decode(x.docs.get('data/dossiers.json'))) as Array<Record<string, unknown>>;
      delete dossiers[3]!.achievements;
      delete dossiers[3]!.attachments;
      x.docs.set('data/dossiers.json', enc(JSON.stringify(dossiers)));
    });
    const out = validateSessionDocuments(i.docs, i.attachments, i.bagInfo);
    expect(out.session.settings).toEqual({ recusedCountInPresent: false, expertRecommendation: true });
    expect(out.dossiers[3]).toMatchObject({ achievements: [], attachments: [] });
  });

  it('accepts empty quotas and conflicts', () => {
    const i = inputs((c) => {
      c.quotas = [];
      c.conflicts = [];
    });
    expect(validateSessionDocuments(i.docs, i.attachments, i.bagInfo).conflicts).toEqual([]);
  });
});

describe('validateSessionDocuments: broken references → BUNDLE_BAD_REFERENCE', () => {
  it('a dossier naming an unknown standard', () => {
    expectBadRef(inputs((c) => void (c.dossiers[0]!.standardId = 'STD-X')), { entry: 'data/dossiers.json', path: '0.standardId', actual: 'STD-X' });
  });

  it('a dossier naming an unknown review group', () => {
    expectBadRef(inputs((c) => void (c.dossiers[1]!.groupId = 'G9')), { entry: 'data/dossiers.json', path: '1.groupId', actual: 'G9' });
  });

  it('a group member not on the roster', () => {
    expectBadRef(inputs((c) => void c.groups[0]!.members.push('E99')), { entry: 'data/groups.json', path: '0.members.3', actual: 'E99' });
  });

  it('a group member listed twice', () => {
    expectBadRef(inputs((c) => void c.groups[1]!.members.push('E04')), { entry: 'data/groups.json', path: '1.members.2', actual: 'E04', reason: 'listed twice' });
  });

  it('a leader who is not a member of the group', () => {
    expectBadRef(inputs((c) => void (c.groups[1]!.leader = 'E01')), { entry: 'data/groups.json', path: '1.leader', actual: 'E01' });
  });

  it.each([
    ['data/experts.json', (c: SessionBundleContent) => c.experts.push({ ...c.experts[0]! }), '5.id', 'E01'],
    ['data/groups.json', (c: SessionBundleContent) => c.groups.push({ ...c.groups[0]! }), '2.id', 'G1'],
    ['data/standards.json', (c: SessionBundleContent) => c.standards.push({ ...c.standards[1]! }), '2.id', 'STD-ECO-AS'],
    ['data/quotas.json', (c: SessionBundleContent) => c.quotas.push({ ...c.quotas[0]! }), '3.id', 'Q-SR'],
    ['data/dossiers.json', (c: SessionBundleContent) => c.dossiers.push({ ...c.dossiers[3]!, packetNo: '999' }), '4.id', 'D004'],
  ])('a duplicate id in %s', (entry, edit, path, actual) => {
    expectBadRef(inputs((c) => void edit(c)), { entry, path, actual, reason: 'duplicate id' });
  });

  it('a duplicate item id inside a standard', () => {
    expectBadRef(inputs((c) => void (c.standards[0]!.items[2]!.id = 'i-edu')), { entry: 'data/standards.json', path: '0.items.2.id', actual: 'i-edu' });
  });

  it('an item reading an evidence field the standard does not define', () => {
    expectBadRef(inputs((c) => void (c.standards[0]!.items[1]!.evidence = ['sales', 'patents'])), {
      entry: 'data/standards.json',
      path: '0.items.1.evidence.1',
      actual: 'patents',
    });
  });

  it('a band worth more than its item', () => {
    expectBadRef(inputs((c) => void (c.standards[0]!.items[2]!.bands![0]!.score = 1001)), { entry: 'data/standards.json', path: '0.items.2.bands.0', actual: '1001' });
  });

  it('a duplicate packet number', () => {
    expectBadRef(inputs((c) => void (c.dossiers[2]!.packetNo = '001')), { entry: 'data/dossiers.json', path: '2.packetNo', actual: '001' });
  });

  it('an achievement field that is not an evidence field of the dossier’s standard', () => {
    expectBadRef(inputs((c) => void (c.dossiers[0]!.achievements[1]!.field = 'patents')), { entry: 'data/dossiers.json', path: '0.achievements.1.field', actual: 'patents' });
    // D003's standard defines no evidence fields at all.
    expectBadRef(inputs((c) => void c.dossiers[2]!.achievements.push({ field: 'sales', value: 1 })), { entry: 'data/dossiers.json', path: '2.achievements.0.field', actual: 'sales' });
  });

  it('an attachment that is not in the bundle', () => {
    const sha = sessionContent().dossiers[0]!.attachments[0]!.sha256;
    expectBadRef(inputs(undefined, (i) => void i.attachments.delete(sha)), { entry: 'data/dossiers.json', path: '0.attachments.0.sha256', actual: sha });
  });

  it('an attachment whose declared size differs from the file', () => {
    const a = sessionContent().dossiers[0]!.attachments[1]!;
    expectBadRef(inputs(undefined, (i) => void i.attachments.set(a.sha256, { size: a.size + 1 })), { entry: 'data/dossiers.json', path: '0.attachments.1.size', actual: String(a.size) });
  });

  it('an attachment file no dossier uses', () => {
    const extra = sha256Hex('stray file');
    expectBadRef(inputs(undefined, (i) => void i.attachments.set(extra, { size: 10 })), {
      entry: 'manifest-sha256.txt',
      path: `data/attachments/${extra}`,
      actual: extra,
    });
  });

  it('a conflict naming an unknown expert or dossier, or declared twice', () => {
    expectBadRef(inputs((c) => void (c.conflicts[0]!.expertId = 'E99')), { entry: 'data/conflicts.json', path: '0.expertId', actual: 'E99' });
    expectBadRef(inputs((c) => void (c.conflicts[0]!.dossierId = 'D999')), { entry: 'data/conflicts.json', path: '0.dossierId', actual: 'D999' });
    expectBadRef(inputs((c) => void c.conflicts.push({ ...c.conflicts[0]!, reason: '亲属' })), { entry: 'data/conflicts.json', path: '1', actual: 'E02/D001' });
  });

  it('a session id or bundle version differing from bag-info.txt', () => {
    expectBadRef(inputs(undefined, (i) => void (i.bagInfo.sessionId = 'S-OTHER')), { entry: 'data/session.json', path: 'sessionId', actual: sessionContent().session.sessionId });
    expectBadRef(inputs(undefined, (i) => void (i.bagInfo.bundleVersion = 2)), { entry: 'data/session.json', path: 'bundleVersion', actual: '1' });
  });

  it('a quota naming a level, specialty or standard no dossier has, or a malformed region', () => {
    expectBadRef(inputs((c) => void (c.quotas[0]!.value = 'junior')), { entry: 'data/quotas.json', path: '0.value', actual: 'junior', reason: 'no such level' });
    expectBadRef(inputs((c) => void c.quotas.push({ id: 'Q-SP', scope: 'specialty', value: '化工', count: 1 })), { entry: 'data/quotas.json', path: '3.value', actual: '化工' });
    expectBadRef(inputs((c) => void (c.quotas[1]!.value = 'STD-NONE')), { entry: 'data/quotas.json', path: '1.value', actual: 'STD-NONE' });
    expectBadRef(inputs((c) => void (c.quotas[2]!.value = '2201')), { entry: 'data/quotas.json', path: '2.value', actual: '2201' });
  });

  it('carries a readable message naming the entry and the path', () => {
    const err = failure(inputs((c) => void (c.dossiers[1]!.groupId = 'G9')));
    expect(err.message).toBe('data/dossiers.json: 1.groupId: no such review group');
  });
});

describe('validateSessionDocuments: schema violations → BUNDLE_SCHEMA_INVALID', () => {
  function expectSchema(i: Inputs, entry: string, path: string): void {
    const err = failure(i);
    expect(err.code).toBe('BUNDLE_SCHEMA_INVALID');
    expect(err.details).toMatchObject({ entry, path });
    expect(err.details?.reason).toEqual(expect.any(String));
  }

  it('an ID number of 17 characters', () => {
    expectSchema(
      inputs((c) => void (c.dossiers[2]!.idNumber = '11010519491231002')),
      'data/dossiers.json',
      '2.idNumber',
    );
  });

  it('an unknown level', () => {
    expectSchema(inputs((c) => void ((c.dossiers[1] as { level: string }).level = 'foo')), 'data/dossiers.json', '1.level');
  });

  it('a wrong format version, a bad date, a bad id, a missing field', () => {
    expectSchema(inputs((c) => void ((c.session as { formatVersion: number }).formatVersion = 2)), 'data/session.json', 'formatVersion');
    expectSchema(inputs((c) => void (c.session.meeting.date = '2026/06/15')), 'data/session.json', 'meeting.date');
    expectSchema(inputs((c) => void (c.experts[4]!.id = '../E05')), 'data/experts.json', '4.id');
    expectSchema(inputs((c) => void delete (c.groups[0] as { name?: string }).name), 'data/groups.json', '0.name');
    expectSchema(inputs((c) => void (c.standards[0]!.items = [])), 'data/standards.json', '0.items');
  });

  it('a document of the wrong shape', () => {
    expectSchema(inputs(undefined, (i) => void i.docs.set('data/experts.json', enc('{"experts": []}'))), 'data/experts.json', '');
  });

  it('invalid UTF-8 bytes', () => {
    const bytes = enc('[{"expertId": "E02", "dossierId": "D001", "reason": "同单位"}]');
    const broken = new Uint8Array([...bytes.slice(0, 50), 0xff, 0xfe, ...bytes.slice(50)]);
    const err = failure(inputs(undefined, (i) => void i.docs.set('data/conflicts.json', broken)));
    expect(err.code).toBe('BUNDLE_SCHEMA_INVALID');
    expect(err.details).toMatchObject({ entry: 'data/conflicts.json' });
  });

  it('a truncated UTF-8 sequence (half a Chinese character)', () => {
    const bytes = enc('{"x": "同"}');
    const err = failure(inputs(undefined, (i) => void i.docs.set('data/session.json', bytes.slice(0, bytes.length - 3))));
    expect(err.code).toBe('BUNDLE_SCHEMA_INVALID');
    expect(err.details).toMatchObject({ entry: 'data/session.json' });
  });

  it('text that is not JSON', () => {
    const err = failure(inputs(undefined, (i) => void i.docs.set('data/quotas.json', enc('[{"id": "Q1",]'))));
    expect(err.code).toBe('BUNDLE_SCHEMA_INVALID');
    expect(err.details).toMatchObject({ entry: 'data/quotas.json' });
  });

  it('a missing document is BUNDLE_FILE_MISSING', () => {
    const err = failure(inputs(undefined, (i) => void i.docs.delete('data/standards.json')));
    expect(err.code).toBe('BUNDLE_FILE_MISSING');
    expect(err.details).toMatchObject({ entry: 'data/standards.json' });
  });
});
