import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import { CloseIcon } from '../icons/icons';
import './SidePanel.css';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  id: string;
  /** Accessible name of the region. */
  label: string;
  /** Visible heading. */
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A named region beside the grid on wide screens and a full-screen sheet on phones. Escape
 * closes it.
 */
export function SidePanel({ id, label, title, onClose, children }: SidePanelProps) {
  return (
    <section
      id={id}
      class="side-panel"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="side-panel__header">
        <h2 class="side-panel__title">{title}</h2>
        <button type="button" class="icon-button" aria-label={t('close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {children}
    </section>
  );
}
