import { describe, expect, it } from 'vitest';
import type { DossierQuery } from '../../../shared/contract';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { countConflicts, insertDeclaredConflicts } from '../../../electron/backend/db/queries/conflicts';
import { distinctValues, dossierCounts, getDossier, insertDossier, listAttachments, listDossiers } from '../../../electron/backend/db/queries/dossiers';
import { getPref, setPref } from '../../../electron/backend/db/queries/prefs';
import { countExperts, listExperts, listGroups } from '../../../electron/backend/db/queries/roster';
import { getSession, listSessions } from '../../../electron/backend/db/queries/sessions';
import { getStandard, listStandards } from '../../../electron/backend/db/queries/standards';
import { ATTACHMENT_BYTES, MEETING_DATE, SESSION_ID, insertSessionContent, sessionContent, sha256Hex } from '../../fixtures/session-docs';
import { tmpDir } from '../../fixtures/tmp';

function withSession<T>(fn: (db: Db) => T): T {
  const db = openDatabase(tmpDir());
  try {
    insertSessionContent(db, sessionContent(), { importedAt: '2026-06-01T08:00:00.000Z', bundleHash: 'a'.repeat(64) });
    return fn(db);
  } finally {
    db.close();
  }
}

const ids = (db: Db, q: Omit<DossierQuery, 'sessionId'>) => listDossiers(db, { sessionId: SESSION_ID, ...q }).map((r) => r.id);

describe('sessions', () => {
  it('getSession returns the stored session with its committee and settings', () => {
    withSession((db) => {
      const c = sessionContent();
      expect(getSession(db, SESSION_ID)).toEqual({
        id: SESSION_ID,
        name: c.session.name,
        committeeName: c.session.committee.name,
        committee: c.session.committee,
        meetingDate: MEETING_DATE,
        meetingPlace: '长春',
        settings: { recusedCountInPresent: false, expertRecommendation: true },
        bundleVersion: 1,
        bundleHash: 'a'.repeat(64),
        issuerKeyid: null,
        status: 'setup',
        importedAt: '2026-06-01T08:00:00.000Z',
      });
      expect(getSession(db, 'nope')).toBeNull();
    });
  });

  it('listSessions counts dossiers and puts the latest import first', () => {
    withSession((db) => {
      const other = sessionContent();
      other.session = { ...other.session, sessionId: 'S-OTHER', name: '另一场', meeting: { date: '2026-07-01' } };
      other.dossiers = other.dossiers.slice(0, 1);
      other.conflicts = [];
      insertSessionContent(db, other, { importedAt: '2026-06-02T08:00:00.000Z' });
      expect(listSessions(db)).toEqual([
        { id: 'S-OTHER', name: '另一场', committeeName: other.session.committee.name, meetingDate: '2026-07-01', bundleVersion: 1, importedAt: '2026-06-02T08:00:00.000Z', dossierCount: 1 },
        { id: SESSION_ID, name: sessionContent().session.name, committeeName: other.session.committee.name, meetingDate: MEETING_DATE, bundleVersion: 1, importedAt: '2026-06-01T08:00:00.000Z', dossierCount: 4 },
      ]);
      // The same ids in two sessions do not collide, and each session sees only its own rows.
      expect(listDossiers(db, { sessionId: 'S-OTHER' }).map((r) => r.id)).toEqual(['D001']);
      expect(getSession(db, 'S-OTHER')?.meetingPlace).toBeNull();
    });
  });

  it('an empty database has no sessions', () => {
    const db = openDatabase(tmpDir());
    expect(listSessions(db)).toEqual([]);
    expect(dossierCounts(db, 'nope')).toEqual({ dossiers: 0, greenChannel: 0, eligibilityNotMet: 0, attachments: 0 });
    db.close();
  });
});

describe('roster', () => {
  it('listExperts orders chair, vice chair, then members by id, with their groups', () => {
    withSession((db) => {
      expect(listExperts(db, SESSION_ID)).toEqual([
        { id: 'E02', name: '钱二', affiliation: '一汽集团', specialty: '机械', title: '正高级工程师', role: 'chair', groups: ['G1'] },
        { id: 'E03', name: '孙三', affiliation: '长春理工大学', specialty: '电气', title: null, role: 'vice_chair', groups: ['G1'] },
        { id: 'E01', name: '赵一', affiliation: '吉林大学', specialty: '机械', title: null, role: 'member', groups: ['G1'] },
        { id: 'E04', name: '李四', affiliation: '国网吉林', specialty: '经济', title: null, role: 'member', groups: ['G2'] },
        { id: 'E05', name: '周五', affiliation: '东北师大', specialty: '经济', title: null, role: 'member', groups: ['G2'] },
      ]);
      expect(countExperts(db, SESSION_ID)).toHaveLength(5);
      expect(listExperts(db, 'nope')).toEqual([]);
    });
  });

  it('an expert in no group has an empty list; one in two groups lists both', () => {
    const db = openDatabase(tmpDir());
    try {
      const c = sessionContent();
      c.experts.push({ id: 'E06', name: '吴六', affiliation: '', specialty: '', role: 'member' });
      c.groups[1]!.members.push('E01');
      insertSessionContent(db, c);
      const byId = new Map(listExperts(db, SESSION_ID).map((e) => [e.id, e.groups]));
      expect(byId.get('E06')).toEqual([]);
      expect(byId.get('E01')).toEqual(['G1', 'G2']);
    } finally {
      db.close();
    }
  });

  it('listGroups gives each group’s size', () => {
    withSession((db) => {
      expect(listGroups(db, SESSION_ID)).toEqual([
        { id: 'G1', name: '机电组', size: 3 },
        { id: 'G2', name: '经济组', size: 2 },
      ]);
    });
  });

  it('a group member must be on the roster (foreign key)', () => {
    const db = openDatabase(tmpDir());
    try {
      const c = sessionContent();
      c.groups[0]!.members.push('E99');
      expect(() => insertSessionContent(db, c)).toThrow(/FOREIGN KEY/);
      expect(listSessions(db)).toEqual([]); // the whole insert rolled back
    } finally {
      db.close();
    }
  });
});

describe('standards and quotas', () => {
  it('round-trips the standard documents', () => {
    withSession((db) => {
      const c = sessionContent();
      expect(getStandard(db, SESSION_ID, 'STD-ENG-SR')).toEqual(c.standards[0]);
      expect(getStandard(db, SESSION_ID, 'nope')).toBeNull();
      expect(listStandards(db, SESSION_ID).map((s) => s.id)).toEqual(['STD-ECO-AS', 'STD-ENG-SR']);
    });
  });

  it('stores the quotas', () => {
    withSession((db) => {
      expect(db.prepare('SELECT id, scope, value, count FROM quota WHERE session_id = ? ORDER BY id').all(SESSION_ID)).toEqual([
        { id: 'Q-RG', scope: 'region', value: '220100', count: 3 },
        { id: 'Q-SR', scope: 'level', value: 'senior', count: 1 },
        { id: 'Q-STD', scope: 'standard', value: 'STD-ECO-AS', count: 2 },
      ]);
    });
  });
});

describe('listDossiers', () => {
  it('lists every dossier by packet number, with group name, eligibility and attachment count', () => {
    withSession((db) => {
      expect(listDossiers(db, { sessionId: SESSION_ID })).toEqual([
        { id: 'D001', packetNo: '001', name: '张三', employer: '一汽集团', series: '工程', specialty: '机械', level: 'senior', reviewType: 'normal', groupId: 'G1', groupName: '机电组', eligibility: 'met', attachmentCount: 2 },
        { id: 'D002', packetNo: '002', name: '李四', employer: '吉林50%科技有限公司', series: '工程', specialty: '电气', level: 'senior', reviewType: 'green_channel', groupId: 'G1', groupName: '机电组', eligibility: 'waived', attachmentCount: 1 },
        { id: 'D003', packetNo: '003', name: '王五', employer: '长春_数据公司', series: '经济', specialty: '经济', level: 'associate_senior', reviewType: 'exceptional', groupId: 'G2', groupName: '经济组', eligibility: 'met', attachmentCount: 0 },
        { id: 'D004', packetNo: '010', name: '赵六', employer: '长春大学', series: '经济', specialty: '经济', level: 'associate_senior', reviewType: 'normal', groupId: 'G2', groupName: '经济组', eligibility: 'not_met', attachmentCount: 0 },
      ]);
      expect(listDossiers(db, { sessionId: 'nope' })).toEqual([]);
    });
  });

  it('searches names, packet numbers and employers; blank search means no filter', () => {
    withSession((db) => {
      expect(ids(db, { search: '李四' })).toEqual(['D002']);
      expect(ids(db, { search: '王' })).toEqual(['D003']);
      expect(ids(db, { search: '010' })).toEqual(['D004']);
      expect(ids(db, { search: '00' })).toEqual(['D001', 'D002', 'D003']);
      expect(ids(db, { search: '一汽' })).toEqual(['D001']);
      expect(ids(db, { search: '长春' })).toEqual(['D003', 'D004']);
      expect(ids(db, { search: '  长春大学  ' })).toEqual(['D004']);
      expect(ids(db, { search: '   ' })).toEqual(['D001', 'D002', 'D003', 'D004']);
      expect(ids(db, { search: '不存在' })).toEqual([]);
    });
  });

  it('treats % and _ in a search as text, not wildcards', () => {
    withSession((db) => {
      expect(ids(db, { search: '%' })).toEqual(['D002']);
      expect(ids(db, { search: '50%' })).toEqual(['D002']);
      expect(ids(db, { search: '_' })).toEqual(['D003']);
      expect(ids(db, { search: '长春_' })).toEqual(['D003']);
      expect(ids(db, { search: '长%大学' })).toEqual([]);
      expect(ids(db, { search: '0_0' })).toEqual([]);
      expect(ids(db, { search: '\\' })).toEqual([]);
    });
  });

  it('filters by group, level and specialty', () => {
    withSession((db) => {
      expect(ids(db, { groupId: 'G1' })).toEqual(['D001', 'D002']);
      expect(ids(db, { groupId: 'G2' })).toEqual(['D003', 'D004']);
      expect(ids(db, { groupId: 'G9' })).toEqual([]);
      expect(ids(db, { level: 'senior' })).toEqual(['D001', 'D002']);
      expect(ids(db, { level: 'associate_senior' })).toEqual(['D003', 'D004']);
      expect(ids(db, { level: 'junior' })).toEqual([]);
      expect(ids(db, { specialty: '电气' })).toEqual(['D002']);
      expect(ids(db, { specialty: '经济' })).toEqual(['D003', 'D004']);
    });
  });

  it('green channel true means any non-normal review type (绿色通道 and 破格); false means normal', () => {
    withSession((db) => {
      expect(ids(db, { greenChannel: true })).toEqual(['D002', 'D003']);
      expect(ids(db, { greenChannel: false })).toEqual(['D001', 'D004']);
    });
  });

  it('combines filters with AND', () => {
    withSession((db) => {
      expect(ids(db, { groupId: 'G2', greenChannel: false })).toEqual(['D004']);
      expect(ids(db, { level: 'senior', search: '长春' })).toEqual([]);
      expect(ids(db, { specialty: '经济', search: '王五', greenChannel: true, groupId: 'G2', level: 'associate_senior' })).toEqual(['D003']);
    });
  });
});

describe('one dossier', () => {
  it('getDossier returns every stored field, decoded', () => {
    withSession((db) => {
      const d = sessionContent().dossiers[0]!;
      const rec = getDossier(db, SESSION_ID, 'D001');
      expect(rec).toEqual({
        id: 'D001',
        packetNo: '001',
        name: '张三',
        gender: '男',
        idNumber: '220102198001011234',
        education: '21',
        major: '机械工程',
        workStart: '2002-07-01',
        employer: '一汽集团',
        regionCode: '220102',
        currentTitle: '高级工程师',
        currentTitleDate: '2018-06-15',
        series: '工程',
        specialty: '机械',
        level: 'senior',
        reviewType: 'normal',
        standardId: 'STD-ENG-SR',
        groupId: 'G1',
        groupName: '机电组',
        commitmentSigned: true,
        greenJustification: null,
        achievements: d.achievements,
        contentHash: sha256Hex(JSON.stringify(d)),
      });
      expect(getDossier(db, SESSION_ID, 'D004')?.commitmentSigned).toBe(false);
      expect(getDossier(db, SESSION_ID, 'D002')?.greenJustification).toBe('省级科技进步一等奖');
      expect(getDossier(db, SESSION_ID, 'nope')).toBeNull();
      expect(getDossier(db, 'nope', 'D001')).toBeNull();
    });
  });

  it('listAttachments keeps the bundle’s order', () => {
    withSession((db) => {
      expect(listAttachments(db, SESSION_ID, 'D001')).toEqual([
        { ord: 0, sha256: sha256Hex(ATTACHMENT_BYTES.diploma), name: '学历证书.pdf', mediaType: 'application/pdf', size: ATTACHMENT_BYTES.diploma.length },
        { ord: 1, sha256: sha256Hex(ATTACHMENT_BYTES.award), name: '获奖证书.pdf', mediaType: 'application/pdf', size: ATTACHMENT_BYTES.award.length },
      ]);
      expect(listAttachments(db, SESSION_ID, 'D003')).toEqual([]);
    });
  });

  it('a blob shared by two dossiers is stored once', () => {
    withSession((db) => {
      const c = sessionContent();
      const extra = { ...c.dossiers[0]!, id: 'D005', packetNo: '005' };
      insertDossier(db, SESSION_ID, extra, { eligibility: 'met', contentHash: 'h' });
      expect(db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(3);
      expect(listAttachments(db, SESSION_ID, 'D005')).toHaveLength(2);
    });
  });

  it('dossierCounts and distinctValues summarise the session', () => {
    withSession((db) => {
      expect(dossierCounts(db, SESSION_ID)).toEqual({ dossiers: 4, greenChannel: 2, eligibilityNotMet: 1, attachments: 3 });
      expect(distinctValues(db, SESSION_ID, 'level')).toEqual(['associate_senior', 'senior']);
      expect(distinctValues(db, SESSION_ID, 'specialty')).toEqual(['机械', '电气', '经济'].sort());
      expect(distinctValues(db, 'nope', 'level')).toEqual([]);
    });
  });

  it('foreign keys refuse a dossier naming an unknown group or standard', () => {
    withSession((db) => {
      const d = sessionContent().dossiers[0]!;
      expect(() => insertDossier(db, SESSION_ID, { ...d, id: 'D100', groupId: 'G9' }, { eligibility: 'met', contentHash: 'h' })).toThrow(/FOREIGN KEY/);
      expect(() => insertDossier(db, SESSION_ID, { ...d, id: 'D101', standardId: 'STD-X' }, { eligibility: 'met', contentHash: 'h' })).toThrow(/FOREIGN KEY/);
      expect(() => insertDossier(db, 'S-NONE', { ...d, id: 'D102' }, { eligibility: 'met', contentHash: 'h' })).toThrow(/FOREIGN KEY/);
      expect(getDossier(db, SESSION_ID, 'D100')).toBeNull();
    });
  });

  it('a duplicate dossier id in one session is refused', () => {
    withSession((db) => {
      const d = sessionContent().dossiers[0]!;
      expect(() => insertDossier(db, SESSION_ID, { ...d, attachments: [] }, { eligibility: 'met', contentHash: 'h' })).toThrow(/UNIQUE|PRIMARY KEY/);
    });
  });
});

describe('conflicts and prefs', () => {
  it('declared conflicts are stored confirmed, and must name a known expert and dossier', () => {
    withSession((db) => {
      expect(countConflicts(db, SESSION_ID)).toBe(1);
      expect(db.prepare('SELECT expert_id AS e, dossier_id AS d, source, status, reason, decided_at AS at FROM conflict').all()).toEqual([
        { e: 'E02', d: 'D001', source: 'declared', status: 'confirmed', reason: '同单位', at: '2026-06-01T08:00:00.000Z' },
      ]);
      expect(() => insertDeclaredConflicts(db, SESSION_ID, [{ expertId: 'E99', dossierId: 'D001', reason: 'x' }], 't')).toThrow(/FOREIGN KEY/);
      expect(() => insertDeclaredConflicts(db, SESSION_ID, [{ expertId: 'E01', dossierId: 'D999', reason: 'x' }], 't')).toThrow(/FOREIGN KEY/);
      expect(countConflicts(db, 'nope')).toBe(0);
    });
  });

  it('setPref inserts then replaces', () => {
    const db = openDatabase(tmpDir());
    try {
      expect(getPref(db, 'k')).toBeNull();
      setPref(db, 'k', 'one');
      setPref(db, 'k', '二');
      expect(getPref(db, 'k')).toBe('二');
    } finally {
      db.close();
    }
  });
});
