import { CallEvent, PeerLinkState, type Call, type LinkQuality } from '@zvonok/sdk';
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { QualityBadge, pausedVideoText } from './QualityBadge';
import { useViewHint } from './useViewHint';

/** Props of {@link TileQuality}. */
export interface TileQualityProps {
  /** The tile's video element: its size and visibility are what the sender is told. */
  videoRef: RefObject<HTMLVideoElement | null>;
  /** The call: the link's quality comes from it, and the hints go through it. */
  call: Call | undefined;
  /** The person's id (remote tiles); absent on the own tile. */
  peerId: string | undefined;
  name: string;
  /** Shown large or as the active speaker: the sender may send more. */
  prominent: boolean;
  link: PeerLinkState | undefined;
}

/**
 * What a tile shows and says about its link, loaded once the call is on screen (not with the
 * first page): the quality indicator with its reason (the own tile: the own uplink), the notice
 * when video is paused for a poor link, and the hints to the sender about how big the tile is
 * and whether it is seen. The level is also the tile's `data-quality` attribute.
 */
export function TileQuality(props: TileQualityProps) {
  const { call, peerId, name, link, videoRef } = props;
  const quality = useLinkQuality(call, peerId ?? call?.localId);
  useEffect(() => {
    const tile = videoRef.current?.closest('.tile');
    if (!tile) return;
    if (quality) tile.setAttribute('data-quality', quality.level);
    else tile.removeAttribute('data-quality');
  }, [videoRef, quality?.level]);
  useViewHint(props.videoRef, props.call, peerId, props.prominent);
  const paused = peerId ? pausedVideoText(quality, name) : undefined;
  return (
    <>
      {quality && (link === undefined || link === PeerLinkState.Connected) && (
        <QualityBadge quality={quality} name={peerId ? name : undefined} />
      )}
      {paused && (
        <p class="quality__paused" role="status">
          {paused}
        </p>
      )}
    </>
  );
}

/** The quality of the link with `id` (the own id: the own uplink), following its changes. */
function useLinkQuality(call: Call | undefined, id: string | undefined): LinkQuality | undefined {
  const [quality, setQuality] = useState(() => (call && id ? call.linkQuality(id) : undefined));
  useEffect(() => {
    if (!call || id === undefined) return;
    setQuality(call.linkQuality(id));
    return call.on(CallEvent.LinkQualityChanged, (who, q) => {
      if (who === id) setQuality(q);
    });
  }, [call, id]);
  return quality;
}
