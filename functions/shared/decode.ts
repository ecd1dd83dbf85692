/**
 * Bytes -> text for uploaded articles. Pure: no AWS, no fs. Used by the ingest handler and the CLI.
 *
 * Order of decisions (each step is a named constant or function below):
 *   1. empty input -> ''
 *   2. a known binary magic number -> binary:<format>
 *   3. a BOM (UTF-8, UTF-16 LE/BE) -> that encoding
 *   4. no BOM but NULs at alternating positions -> UTF-16 LE/BE
 *   5. valid UTF-8 -> UTF-8; invalid UTF-8 -> Windows-1252 (unless it is mostly valid UTF-8
 *      with a few broken bytes, then UTF-8 with U+FFFD for the broken ones)
 *   6. the decoded text holds NULs or too many control characters -> binary:...
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly reason: string };

/** File signatures of formats that are never article text. `at` is the byte offset of `bytes`. */
export const BINARY_SIGNATURES: ReadonlyArray<{ readonly format: string; readonly bytes: readonly number[]; readonly at?: number }> = [
  { format: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'gif', bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { format: 'gif', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { format: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { format: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { format: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { format: 'zip', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { format: 'gzip', bytes: [0x1f, 0x8b] },
  { format: 'bzip2', bytes: [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59] },
  { format: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { format: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { format: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { format: 'elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { format: 'mach-o', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { format: 'mach-o', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { format: 'mach-o', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { format: 'mach-o', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { format: 'java-class', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { format: 'wasm', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { format: 'ole2', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // .doc, .xls
  { format: 'sqlite', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00] },
  { format: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { format: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { format: 'webp', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 }, // RIFF....WEBP
  { format: 'mp4', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 }, // ....ftyp
  { format: 'ogg', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { format: 'mp3', bytes: [0x49, 0x44, 0x33, 0x03, 0x00] }, // ID3v2.3
  { format: 'mp3', bytes: [0x49, 0x44, 0x33, 0x04, 0x00] }, // ID3v2.4
];

const BOM_UTF8 = [0xef, 0xbb, 0xbf] as const;
const BOM_UTF16LE = [0xff, 0xfe] as const;
const BOM_UTF16BE = [0xfe, 0xff] as const;

/** Bytes examined by the UTF-16-without-BOM heuristic. */
export const UTF16_SNIFF_BYTES = 4096;
/** Share of 16-bit units whose high byte is NUL for text to be taken as BOM-less UTF-16. */
export const UTF16_NUL_SHARE = 0.3;
/** ...while the other byte of each unit is NUL at most this often. */
export const UTF16_OTHER_NUL_SHARE = 0.05;
/** Share of C0 control characters (other than \t \n \r \f) above which decoded text is binary. */
export const MAX_CONTROL_SHARE = 0.05;
/** Invalid UTF-8 is still read as UTF-8 (with U+FFFD) when valid multi-byte sequences outnumber broken bytes this many times. */
export const MOSTLY_UTF8_RATIO = 4;

/**
 * Windows-1252 bytes 0x80-0x9F (the rest of the code page equals Latin-1). Undefined bytes map to
 * the C1 control of the same value, as the WHATWG decoder does. A table instead of
 * `TextDecoder('windows-1252')` because some Node builds decode that label as plain Latin-1.
 */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** C0 controls (and DEL) that plain text does not contain; \t \n \f \r are allowed, NUL is checked apart. */
const CONTROL_CHAR = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/;
const CONTROL_CHARS = new RegExp(CONTROL_CHAR.source, 'g');

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** The format of a known binary signature at the start of `bytes`, or null. */
export function sniffBinaryFormat(bytes: Uint8Array): string | null {
  for (const sig of BINARY_SIGNATURES) if (startsWith(bytes, sig.bytes, sig.at ?? 0)) return sig.format;
  return null;
}

/** 'utf-16le' / 'utf-16be' when NULs sit at alternating positions (ASCII-range UTF-16 without BOM). */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul / units >= UTF16_NUL_SHARE && evenNul / units <= UTF16_OTHER_NUL_SHARE) return 'utf-16le';
  if (evenNul / units >= UTF16_NUL_SHARE && oddNul / units <= UTF16_OTHER_NUL_SHARE) return 'utf-16be';
  return null;
}

/** Windows-1252 -> string via a UTF-16 code-unit buffer (fast for large inputs). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    units[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
  }
  return new TextDecoder('utf-16le').decode(units);
}

/**
 * The second byte of a multi-byte sequence is narrower than 0x80-0xBF after some lead bytes
 * (Unicode Table 3-7): E0 needs A0-BF (no overlongs), ED 80-9F (no surrogates), F0 90-BF, F4 80-8F.
 * Without this, Windows-1252 text such as "à€" (E0 80) counted as well-formed UTF-8.
 */
function secondByteFits(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return (second & 0xc0) === 0x80;
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that belong to none. */
function utf8Shape(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length && secondByteFits(b, bytes[i + 1]!);
    for (let k = 2; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

function decodeUtf8OrCp1252(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const { multibyte, invalid } = utf8Shape(bytes);
    if (multibyte >= invalid * MOSTLY_UTF8_RATIO) {
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
    }
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 'binary:nul-bytes' / 'binary:control-characters' when decoded text is not plain text, else null. */
export function binaryTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'binary:nul-bytes';
  if (!CONTROL_CHAR.test(text)) return null; // the common case: one native scan, no counting
  let controls = 0;
  CONTROL_CHARS.lastIndex = 0;
  while (CONTROL_CHARS.exec(text) !== null) controls++;
  return controls / text.length > MAX_CONTROL_SHARE ? 'binary:control-characters' : null;
}

/** Decodes an uploaded article; `{ ok: false, reason: 'binary:…' }` when the bytes are not text. */
export function decodeArticleBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: true, text: '', encoding: 'utf-8' };

  const format = sniffBinaryFormat(bytes);
  if (format !== null) return { ok: false, reason: `binary:${format}` };

  let text: string;
  let encoding: TextEncodingName;
  if (startsWith(bytes, BOM_UTF8)) {
    // A BOM is strong evidence: broken bytes become U+FFFD rather than a Windows-1252 reading.
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(BOM_UTF8.length));
    encoding = 'utf-8';
  } else if (startsWith(bytes, BOM_UTF16LE)) {
    text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (startsWith(bytes, BOM_UTF16BE)) {
    text = new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16 !== null) {
      text = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes);
      encoding = utf16;
    } else {
      ({ text, encoding } = decodeUtf8OrCp1252(bytes));
    }
  }

  const binary = binaryTextReason(text);
  return binary === null ? { ok: true, text, encoding } : { ok: false, reason: binary };
}
