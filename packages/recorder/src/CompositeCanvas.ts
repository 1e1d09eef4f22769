import { fitRect, layoutComposite, type Rect } from './layout.js';
import type { RecordingSource } from './types.js';

/** Size and look of the composite. */
export interface CompositeCanvasOptions {
  /** Canvas width, px. Default 1280. */
  width?: number;
  /** Canvas height, px. Default 720. */
  height?: number;
}

const BACKGROUND = '#0f1115';
const TILE_BACKGROUND = '#1f232b';
const LABEL_BACKGROUND = 'rgba(0, 0, 0, 0.6)';
const TEXT = '#ffffff';
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const AVATAR_COLOURS = ['#5b8def', '#e8845c', '#4fb286', '#b57edc', '#d9a441', '#e06c8f'];

/** `HTMLMediaElement.HAVE_CURRENT_DATA`: a frame can be drawn. */
const HAVE_CURRENT_DATA = 2;

/**
 * Draws the call into a canvas: every source as a tile with the person's name (a shared screen
 * large, see `layoutComposite`), or a name badge when there is no picture. Each source plays in
 * a muted `<video>` element that is never attached to the page; `draw()` paints one frame.
 */
export class CompositeCanvas {
  /** The canvas drawn into; `canvas.captureStream()` is the recorded video. */
  readonly canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #videos = new Map<string, HTMLVideoElement>();
  #sources: readonly RecordingSource[] = [];

  constructor(options: CompositeCanvasOptions = {}) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = options.width ?? 1280;
    this.canvas.height = options.height ?? 720;
    // `alpha: false`: an opaque canvas is cheaper to composite and to encode.
    const context = this.canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('2D canvas is not available');
    this.#context = context;
  }

  /** The sources to draw, in order. Their video elements are made, updated or dropped here. */
  setSources(sources: readonly RecordingSource[]): void {
    this.#sources = sources;
    const ids = new Set(sources.map((s) => s.id));
    for (const [id, video] of this.#videos) {
      if (!ids.has(id)) {
        video.srcObject = null;
        this.#videos.delete(id);
      }
    }
    for (const source of sources) {
      let video = this.#videos.get(source.id);
      if (!video) {
        video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.autoplay = true;
        this.#videos.set(source.id, video);
      }
      if (video.srcObject !== source.stream) {
        video.srcObject = source.stream;
        video.play().catch(() => {
          // Muted playback is always allowed; a rejection here only means a newer srcObject won.
        });
      }
    }
  }

  /** Paints one frame of the current sources. */
  draw(): void {
    const { width, height } = this.canvas;
    const g = this.#context;
    g.fillStyle = BACKGROUND;
    g.fillRect(0, 0, width, height);
    const byId = new Map(this.#sources.map((s) => [s.id, s]));
    for (const tile of layoutComposite(this.#sources, width, height)) {
      const source = byId.get(tile.id)!;
      const radius = Math.min(12, tile.rect.height / 16);
      g.save();
      roundedRect(g, tile.rect, radius);
      g.clip();
      g.fillStyle = TILE_BACKGROUND;
      g.fillRect(tile.rect.x, tile.rect.y, tile.rect.width, tile.rect.height);
      const video = this.#videos.get(source.id);
      if (video && showsVideo(source, video)) {
        const mode = source.isScreen ? 'contain' : 'cover';
        const { source: s, dest: d } = fitRect(
          video.videoWidth,
          video.videoHeight,
          tile.rect,
          mode,
        );
        g.drawImage(video, s.x, s.y, s.width, s.height, d.x, d.y, d.width, d.height);
      } else {
        drawAvatar(g, tile.rect, source);
      }
      drawLabel(g, tile.rect, source.name);
      g.restore();
    }
  }

  /** Stops every video element; the canvas keeps its last frame. */
  close(): void {
    for (const video of this.#videos.values()) video.srcObject = null;
    this.#videos.clear();
    this.#sources = [];
  }
}

/** A picture is drawn when one exists and the app did not say the camera is off. */
function showsVideo(source: RecordingSource, video: HTMLVideoElement): boolean {
  if (source.videoEnabled === false) return false;
  // A muted remote track delivers no frames (camera off on the other side): the element would
  // otherwise show its last frame forever.
  const live = source.stream
    .getVideoTracks()
    .some((t) => t.readyState === 'live' && t.enabled && !t.muted);
  return live && video.readyState >= HAVE_CURRENT_DATA && video.videoWidth > 0;
}

function roundedRect(g: CanvasRenderingContext2D, r: Rect, radius: number): void {
  g.beginPath();
  if (typeof g.roundRect === 'function') g.roundRect(r.x, r.y, r.width, r.height, radius);
  else g.rect(r.x, r.y, r.width, r.height);
}

/** A coloured circle with the person's initials, centred in the tile. */
function drawAvatar(g: CanvasRenderingContext2D, r: Rect, source: RecordingSource): void {
  const size = Math.min(r.width, r.height) * 0.4;
  g.fillStyle = AVATAR_COLOURS[hash(source.id) % AVATAR_COLOURS.length]!;
  g.beginPath();
  g.arc(r.x + r.width / 2, r.y + r.height / 2, size / 2, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = TEXT;
  g.font = `600 ${Math.round(size * 0.4)}px ${FONT_FAMILY}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(initials(source.name), r.x + r.width / 2, r.y + r.height / 2);
}

/** The name in a dark pill at the tile's bottom left, cut with an ellipsis if too long. */
function drawLabel(g: CanvasRenderingContext2D, r: Rect, name: string): void {
  const fontSize = Math.round(Math.max(11, Math.min(22, r.height / 12)));
  const pad = Math.round(fontSize / 2);
  g.font = `500 ${fontSize}px ${FONT_FAMILY}`;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const text = fitText(g, name, r.width - 4 * pad);
  if (!text) return;
  const boxWidth = g.measureText(text).width + 2 * pad;
  const boxHeight = fontSize + pad;
  const x = r.x + pad;
  const y = r.y + r.height - boxHeight - pad;
  g.fillStyle = LABEL_BACKGROUND;
  roundedRect(g, { x, y, width: boxWidth, height: boxHeight }, boxHeight / 4);
  g.fill();
  g.fillStyle = TEXT;
  g.fillText(text, x + pad, y + boxHeight / 2);
}

function fitText(g: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  if (g.measureText(text).width <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && g.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return chars.length > 0 ? `${chars.join('')}…` : '';
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  return letters.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
