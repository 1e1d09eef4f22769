/** The signaling endpoint on the page's own origin: `wss:` under https, `ws:` otherwise. */
export function signalingUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}
