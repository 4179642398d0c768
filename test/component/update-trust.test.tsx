// The update preview shows a change of signer and applies it only after an explicit confirmation.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { UpdatePreviewCard } from '../../renderer/features/import/UpdatePreviewCard';
import type { UpdatePreview } from '../../shared/types';
import { renderWithI18n } from './render';

const none = { added: [], removed: [], changed: [] };
const ISSUER = 'ab12cd34ef567890'.padEnd(64, '0');

function preview(trust: UpdatePreview['trust']): UpdatePreview {
  return { sessionId: 's', fromVersion: 2, toVersion: 3, bundleHash: 'f'.repeat(64), session: [], experts: none, groups: none, standards: none, dossiers: none, conflicts: none, quotas: none, blocked: [], rescore: [], trust };
}

describe('UpdatePreviewCard: change of signer', () => {
  it('shows signed → unsigned and enables Apply only once the secretary confirms', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithI18n(<UpdatePreviewCard preview={preview({ from: ISSUER, to: null, change: 'unsigned' })} onApply={onApply} onCancel={() => undefined} busy={false} />);
    const alert = screen.getByTestId('update-trust');
    expect(alert).toHaveTextContent('ab12 cd34 ef56 7890');
    expect(alert).toHaveTextContent('未经任何签发方签名');
    const apply = screen.getByRole('button', { name: /应用/ });
    expect(apply).toBeDisabled();
    await user.click(screen.getByRole('checkbox'));
    expect(apply).toBeEnabled();
    await user.click(apply);
    expect(onApply).toHaveBeenCalledWith(true);
  });

  it('asks nothing when the signer is the same, or a signature is added', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithI18n(<UpdatePreviewCard preview={preview({ from: null, to: ISSUER, change: 'signed' })} onApply={onApply} onCancel={() => undefined} busy={false} />);
    expect(screen.queryByTestId('update-trust')).toBeNull();
    await user.click(screen.getByRole('button', { name: /应用/ }));
    expect(onApply).toHaveBeenCalledWith(false);
  });
});
