import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ct } from './messages';
import './security.css';
import { withName } from '../ui/Isolated';

/** Props of {@link VerifyCode}. */
export interface VerifyCodeProps {
  /** The remote person's display name. */
  name: string;
  /** The participant's verification code (undefined until the connection is negotiated). */
  code: string | undefined;
  /** Unique per person, for aria-controls. */
  peerId: string;
  /** Starts open (the tile's menu asked to verify this person). */
  initiallyOpen?: boolean;
}

/**
 * A "Verify" button on a person's row of the participants panel that reveals the connection's
 * verification code, for two people to read to each other. Hidden until asked for: most calls
 * never need it. The tile's menu opens the panel with it open and focused.
 */
export function VerifyCode({ name, code, peerId, initiallyOpen = false }: VerifyCodeProps) {
  const open = useSignal(initiallyOpen);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!initiallyOpen) return;
    open.value = true;
    button.current?.focus();
    button.current?.scrollIntoView({ block: 'nearest' });
  }, [initiallyOpen]);
  const panelId = `verify-${peerId}`;
  return (
    <div class="verify">
      <button
        ref={button}
        type="button"
        class="verify__button"
        aria-expanded={open.value}
        aria-controls={panelId}
        aria-label={ct('verifyWith', { name })}
        onClick={() => (open.value = !open.value)}
      >
        {ct('verify')}
      </button>
      {open.value && (
        <div id={panelId} class="verify__panel" role="status">
          {code === undefined ? (
            <p class="verify__text">{ct('codePending')}</p>
          ) : (
            <>
              <p class="verify__text">
                {withName(ct('codeIntro', { name }), name)}{' '}
                <strong class="verify__code">{code}</strong>
              </p>
              <p class="verify__help">{ct('codeHelp')}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
