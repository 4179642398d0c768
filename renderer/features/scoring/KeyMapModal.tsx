import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** Every key of the score sheet; `?` opens it. Key names stay as printed on the keyboard. */
const KEYS: ReadonlyArray<[string, string]> = [
  ['0–9  .', 'digits'],
  ['1 … n', 'bands'],
  ['← →', 'arrows'],
  ['Tab / Shift+Tab', 'tab'],
  ['Enter', 'enter'],
  ['J / PageDown', 'next'],
  ['K / PageUp', 'prev'],
  ['Alt+J / Alt+K', 'alt'],
  ['Ctrl+Enter', 'submit'],
  ['A / Alt+A', 'attachments'],
  ['?', 'help'],
  ['Esc', 'esc'],
  ['Ctrl + / Ctrl − / Ctrl 0', 'zoom'],
];

export function KeyMapModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} scrollLock={false} destroyOnHidden title={t('scoring.keymap.title')} footer={null} onCancel={onClose} classNames={{ body: 'modal-split' }}>
      {/* On a small screen the list scrolls; focusable so the keyboard can scroll it too. */}
      <div className="modal-split-scroll" tabIndex={0} role="region" aria-label={t('scoring.keymap.title')}>
        <table className="dt keymap" data-testid="keymap">
          <tbody>
            {KEYS.map(([keys, what]) => (
              <tr key={what}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{t(`scoring.keymap.${what}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
