// The two built-in demos: the compliant 25-member committee, and the small rule-breach demo that trains the warnings.
import { describe, expect, it } from 'vitest';
import { ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

describe('built-in demos through the contract', () => {
  it('the default demo is compliant: 25 members, odd, groups of at least 3, and no committee warning', async () => {
    const host = openHost(tmpDir('pd-demo-'));
    const { sessionId } = await ok(host, 'openDemo', {});
    const o = await ok(host, 'getOverview', { sessionId });
    expect(o.counts.experts).toBe(25);
    expect(o.warnings).toEqual([]);
    const groups = await ok(host, 'listGroups', { sessionId });
    expect(groups.map((g) => g.size)).toEqual([9, 8, 8]);
    host.close();
  });

  it('the rule-breach demo opens beside it and shows the even, below-minimum and small-group warnings', async () => {
    const host = openHost(tmpDir('pd-demo-'));
    const main = await ok(host, 'openDemo', {});
    const { sessionId } = await ok(host, 'openDemo', { variant: 'breach' });
    expect(sessionId).not.toBe(main.sessionId);
    // Opening it again returns the same session.
    expect((await ok(host, 'openDemo', { variant: 'breach' })).sessionId).toBe(sessionId);
    const o = await ok(host, 'getOverview', { sessionId });
    expect(o.counts.experts).toBe(10);
    expect(o.warnings.map((w) => w.code)).toEqual(['COMMITTEE_EVEN', 'COMMITTEE_BELOW_MINIMUM', 'GROUP_TOO_SMALL', 'GROUP_TOO_SMALL']);
    expect(o.warnings[1]).toMatchObject({ params: { count: 10, min: 25 } });
    host.close();
  });

  it('refuses an unknown variant at the contract', async () => {
    const host = openHost(tmpDir('pd-demo-'));
    const r = await host.invoke('openDemo', { variant: 'other' });
    expect(r.ok ? null : r.error.code).toBe('CONTRACT_INVALID_INPUT');
    host.close();
  });
});
