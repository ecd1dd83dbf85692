/**
 * Step 4b, media: captions and credits.
 *  - a line that is only a credit ("PHOTO: REUTERS") is a credit line;
 *  - a line with a media label ("Image caption, ", "[1/2] ") or with a credit prefix/suffix
 *    ("... REUTERS/Name/File Photo", "... (AP Photo/X)") is a caption (label and credit removed);
 *  - a credit line pairs forward with a labelled caption that has no credit of its own
 *    ("Image source, X" then "Image caption, Y"), otherwise backward with the line before it,
 *    which becomes a caption ("<caption>" then "PHOTO: REUTERS"); unpaired, it is a credit alone.
 * Labels alone on a line ("Image caption,") are removed as 'label'.
 */
import type { Line } from '../page.ts';
import { CAPTION_MAX_WORDS } from '../thresholds.ts';
import { stripTrailingLabel } from '../tables/phrases.ts';

/**
 * A caption label at the start of a line, with its punctuation and the space after it: a line that
 * announces itself as a caption whatever the recognisers made of it.
 */
export const CAPTION_LABEL_RE = /^(?:image caption|media caption|photo caption|caption|legende|bildunterschrift|pie de foto|légende)[,:.]?\s(?=\S)/iu;

/**
 * A picture label with a colon before a caption sentence ("Image: The minister arrives …",
 * "Foto: Die Brücke im Winter …"); with fewer words after it the line is rather a credit.
 */
export const PICTURE_LABEL_RE = /^(?:image|photo|picture|pictured|foto|bild|imagen|immagine|imagem|afbeelding|zdjęcie)\s?:\s(?=\S)/iu;
export const PICTURE_LABEL_MIN_WORDS = 6;
/** A gallery counter glued to its caption, as copied from a slideshow: "1of4The mayor …", "2/5Crowds …". */
export const GALLERY_COUNTER_RE = /^(\d{1,3})(?:of|\/)(\d{1,3})(?=[\p{Lu}"'“‘(])/u;

/** The caption after a gallery counter or a picture label, or null. */
export function labelledCaption(text: string): string | null {
  const counter = GALLERY_COUNTER_RE.exec(text);
  if (counter && Number(counter[1]) >= 1 && Number(counter[1]) <= Number(counter[2])) return text.slice(counter[0].length);
  const label = PICTURE_LABEL_RE.exec(text);
  if (label) {
    const rest = text.slice(label[0].length);
    if (rest.split(' ').length >= PICTURE_LABEL_MIN_WORDS) return rest;
  }
  return null;
}

/** Whether a line is only a credit. */
export function isCreditOnly(l: Line): boolean {
  return l.credit !== null && (l.credit.position === 'whole' || l.credit.rest.trim() === '') && !l.textLike;
}

function inlineCaption(l: Line): { caption: string; credit: string | null } | null {
  if (l.credit && l.credit.position !== 'whole' && l.credit.rest.trim() !== '') {
    return { caption: l.credit.rest.trim(), credit: l.credit.credit };
  }
  if (l.mediaLabel && l.mediaLabel.rest.trim() !== '') {
    return { caption: stripTrailingLabel(l.mediaLabel.rest.trim()), credit: null };
  }
  // fallback when the recogniser did not take the label: "Image caption Scooter Braun has …"
  const m = CAPTION_LABEL_RE.exec(l.text);
  if (m && m[0].length < l.text.length) return { caption: l.text.slice(m[0].length), credit: null };
  const labelled = labelledCaption(l.text);
  return labelled ? { caption: labelled, credit: null } : null;
}


/** Recogniser output is only used when it is text of the line itself (nothing invented). */
function fromLine(l: Line, ...parts: (string | null)[]): boolean {
  return parts.every((p) => p === null || l.text.includes(p));
}

function canBeBareCaption(l: Line): boolean {
  return l.label === null && l.phrase === null && l.byline === null && l.dateLine === null
    && l.signoffLine === null && l.contributors === null && l.words >= 2 && l.words <= CAPTION_MAX_WORDS;
}

export function findMedia(lines: Line[]): void {
  for (const l of lines) {
    if (l.mediaLabel && l.mediaLabel.rest.trim() === '' && !l.credit) { l.label = 'removed'; l.reason = 'label'; continue; }
    if (isCreditOnly(l) && fromLine(l, l.credit?.credit ?? null)) { l.label = 'credit'; l.reason = 'credit'; l.creditText = l.credit?.credit ?? l.text; continue; }
    const inline = inlineCaption(l);
    if (inline && inline.caption.split(' ').length <= CAPTION_MAX_WORDS && fromLine(l, inline.caption, inline.credit)) {
      l.label = 'caption'; l.reason = 'caption'; l.caption = inline.caption; l.creditText = inline.credit;
    }
  }
  // pair credit-only lines with captions
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!;
    if (c.label !== 'credit' || c.paired) continue;
    const next = lines[i + 1];
    if (next && next.label === 'caption' && (next.mediaLabel || CAPTION_LABEL_RE.test(next.text)) && next.creditText === null) {
      next.creditText = c.creditText;
      c.paired = true; // the caption line carries the credit
      continue;
    }
    const prev = lines[i - 1];
    // "Image copyright X" then "Image caption Y": the credit belongs to the caption below, not the paragraph above
    if (next && CAPTION_LABEL_RE.test(next.text)) continue;
    if (prev && prev.label === null && canBeBareCaption(prev)) {
      prev.label = 'caption'; prev.reason = 'caption'; prev.caption = prev.text; prev.creditText = c.creditText;
      c.paired = true;
    }
  }
}
