// One CSP, defined once (shared/csp.ts): the app's app:// handler, the renderer's <meta>, the browser test
// host and the e2e checks all use it. These fail when any of them drifts from the definition.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, CSP_DIRECTIVES, CSP_META_PLACEHOLDER, withCspMeta } from '../../../shared/csp';
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from '../../../electron/main/security';
import { createAppProtocolHandler } from '../../../electron/main/protocol';
import { CSP as TEST_HOST_CSP } from '../../e2e/host/server';
import rendererConfig from '../../../vite.renderer.config';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

const ROOT = path.resolve(import.meta.dirname, '../../..');
const INDEX_HTML = fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');

describe('one Content-Security-Policy', () => {
  it('Electron main and the browser test host send exactly the shared policy', () => {
    expect(ELECTRON_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(TEST_HOST_CSP).toBe(CONTENT_SECURITY_POLICY);
  });

  it('app:// serves index.html with the shared policy', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.csp-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
      const serve = createAppProtocolHandler({ rendererRoot: dir, readAttachment: async () => null });
      const res = await serve({ url: 'app://paneldesk/index.html', method: 'GET' });
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renderer/index.html holds only the placeholder, and the renderer build fills it with the shared policy', async () => {
    expect(INDEX_HTML).toContain(`content="${CSP_META_PLACEHOLDER}"`);
    expect(INDEX_HTML).not.toMatch(/default-src/);
    const plugins = (rendererConfig as { plugins: Plugin[] }).plugins.flat() as Plugin[];
    const csp = plugins.find((p) => p?.name === 'paneldesk-csp-meta');
    const transform = csp?.transformIndexHtml as ((html: string) => string) | undefined;
    expect(transform).toBeTypeOf('function');
    const built = transform?.(INDEX_HTML) ?? '';
    expect(built).toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);
    expect(built).not.toContain(CSP_META_PLACEHOLDER);
  });

  it('the <meta> form is the header without the directives a <meta> cannot carry', () => {
    const header = CONTENT_SECURITY_POLICY.split('; ');
    expect(CONTENT_SECURITY_POLICY_META.split('; ')).toEqual(header.filter((d) => !d.startsWith('frame-ancestors ')));
    expect(header).toHaveLength(CSP_DIRECTIVES.length);
  });

  it('refuses to build an index.html without the placeholder', () => {
    expect(() => withCspMeta('<html><head></head></html>')).toThrow(/placeholder/);
  });
});
