import { linkify } from './linkify';

/**
 * A chat message's text: plain text nodes plus safe http(s) links that open in a new tab
 * without giving that tab a handle on this one (`noopener`) or the call's URL (`noreferrer`).
 * A link whose text hides where it goes (a look-alike IDN host, a user name before the host)
 * shows the real host in ASCII after it, so `https://аpple.com` reads "(xn--pple-43d.com)".
 */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
            {segment.realHost !== undefined && (
              <span class="chat-link__host"> ({segment.realHost})</span>
            )}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
