import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './Menu.css';

/** One entry of a {@link Menu}. */
export interface MenuItem {
  /** Stable key, also the item's `data-item` (for styles and tests). */
  key: string;
  /** Visible text and accessible name. */
  label: string;
  icon?: ComponentChildren;
  /** For on/off items (`menuitemcheckbox`): whether it is on. */
  checked?: boolean;
  /** Shown on hover and read as the description. */
  hint?: string;
  onSelect: () => void;
}

/** Props of {@link Menu}. */
export interface MenuProps {
  /** The opening button's accessible name. */
  label: string;
  /** What the opening button shows (an icon, or an icon and a label). */
  children: ComponentChildren;
  /** Class of the opening button. */
  buttonClass: string;
  items: readonly MenuItem[];
  /** Opens upwards (from a toolbar at the foot of the screen) or downwards. */
  placement?: 'up' | 'down';
  id: string;
  /** Shown on hover over the opening button. */
  hint?: string;
}

/**
 * A button that opens a list of actions (`role="menu"`, WAI-ARIA menu button pattern): arrow
 * keys move between items, Escape or a click elsewhere closes it and focus goes back to the
 * button. Used for the toolbar's "More" and each tile's options.
 */
export function Menu({
  label,
  children,
  buttonClass,
  items,
  placement = 'up',
  id,
  hint,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onDown = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') {
      return;
    }
    const list = [...(root.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = list.indexOf(document.activeElement as HTMLElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? list.length - 1
          : (at + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length;
    list[next]?.focus();
    e.preventDefault();
    // Arrow keys inside the menu are not the toolbar's.
    e.stopPropagation();
  };

  return (
    <div class="menu" ref={root} onKeyDown={open ? onKey : undefined}>
      <button
        ref={button}
        type="button"
        class={buttonClass}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        title={hint}
        onClick={() => setOpen(!open)}
      >
        {children}
      </button>
      {open && (
        <div id={id} class={`menu__list menu__list--${placement}`} role="menu" aria-label={label}>
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              class="menu__item"
              data-item={item.key}
              role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={item.checked}
              title={item.hint}
              tabIndex={-1}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              <span class="menu__icon" aria-hidden="true">
                {item.icon}
              </span>
              <span class="menu__label">{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
