// Encrypt before writing (issue 8 item 7): exporting an expert package writes nothing plaintext where the
// package goes (often a USB stick). Every file that appears in the destination folder during the export
// is watched; each must be the package or age's temp, and must hold age ciphertext whenever it is seen.
import { saveToken } from '../../fixtures/file-tokens';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

describe('exportExpertPackage', () => {
  it('writes only age ciphertext to the destination folder, and leaves no plain copy anywhere', async () => {
    const work = tmpDir('pd-pkg-');
    const dataDir = path.join(work, 'data');
    const usb = path.join(work, 'usb');
    fs.mkdirSync(usb);
    const host = openHost(dataDir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const expert = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member');
    if (!expert) throw new Error('demo has members');

    const seen = new Set<string>();
    const plain: string[] = [];
    const watcher = fs.watch(usb, (_event, name) => {
      if (!name) return;
      seen.add(name);
      try {
        const head = fs.readFileSync(path.join(usb, name)).subarray(0, 4);
        // A zip (plaintext bundle) starts with PK\3\4.
        if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) plain.push(name);
      } catch {
        // gone already (renamed)
      }
    });
    const pkg = path.join(usb, 'expert.pdbundle.age');
    try {
      await ok(host, 'exportExpertPackage', { sessionId, expertId: expert.id, path: saveToken(host, pkg), passphrase: 'package passphrase 1' });
    } finally {
      watcher.close();
    }
    host.close();
    expect(seen.size).toBeGreaterThan(0);
    for (const name of seen) expect(name === 'expert.pdbundle.age' || /^expert\.pdbundle\.age\.[0-9a-f]{16}\.tmp$/.test(name), name).toBe(true);
    expect(plain).toEqual([]);
    expect(fs.readdirSync(usb)).toEqual(['expert.pdbundle.age']);
    expect(fs.readFileSync(pkg).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    // The plain staging copy in the data folder is gone too.
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});
