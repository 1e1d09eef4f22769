import { useSignal } from '@preact/signals';
import { ct } from './messages';
import './security.css';

/** Props of {@link VerifyCode}. */
export interface VerifyCodeProps {
  /** The remote person's display name. */
  name: string;
  /** The participant's verification code (undefined until the connection is negotiated). */
  code: string | undefined;
  /** Unique per tile, for aria-controls. */
  peerId: string;
}

/**
 * A small "Verify" button on a remote tile that reveals the connection's verification code, for
 * two people to read to each other. Hidden until asked for: most calls never need it, and the
 * digits would only clutter the video.
 */
export function VerifyCode({ name, code, peerId }: VerifyCodeProps) {
  const open = useSignal(false);
  const panelId = `verify-${peerId}`;
  return (
    <div class="verify">
      <button
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
                {ct('codeIntro', { name })} <strong class="verify__code">{code}</strong>
              </p>
              <p class="verify__help">{ct('codeHelp')}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
