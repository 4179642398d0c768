import fs from 'node:fs';
import path from 'node:path';
import { ROOT, expect, test } from '../fixtures';

test('a bundle dropped on the start screen is uploaded to the host, imported and opened', async ({ app }) => {
  const bytes = fs.readFileSync(path.join(ROOT, 'resources', 'demo', 'demo-session.pdbundle')).toString('base64');
  const zone = app.getByTestId('drop-zone');
  await expect(zone).toBeVisible();
  // The same events a person's drag and drop fires, carrying a real File.
  const dataTransfer = await app.evaluateHandle((b64) => {
    const bin = atob(b64);
    const buf = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([buf], 'demo-session.pdbundle', { type: 'application/zip' }));
    return dt;
  }, bytes);
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveClass(/active/);
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(app.getByTestId('import-done')).toContainText('30 份材料');
  await app.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
});
