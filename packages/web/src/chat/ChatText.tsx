import { linkify } from './linkify';

/**
 * A chat message's text: plain text nodes plus safe http(s) links that open in a new tab
 * without giving that tab a handle on this one (`noopener`) or the call's URL (`noreferrer`).
 */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
