import { porterStem } from './porter';

/** rouge-score stems only tokens longer than this; shorter ones are compared as they are. */
const LONGEST_UNSTEMMED = 3;

/**
 * A token of `[a-z0-9]` is a number in base 38 with digits 2..37 (charDigit), and digits are never 0, so
 * the number identifies the token. Doubles hold integers exactly up to 2^53 > 38^10: tokens up to ten
 * characters get an exact numeric key computed while scanning (scanCode.ts), without storing their
 * characters.
 */
export const KEY_BASE = 38;
export const LONGEST_NUMERIC_KEY = 10;

/** Digit of a token character in a numeric key: '0'-'9' are 2..11, 'a'-'z' are 12..37. */
export function charDigit(byte: number): number {
  return byte <= 57 ? byte - 48 + 2 : byte - 97 + 12;
}

function digitChar(digit: number): number {
  return digit <= 11 ? digit - 2 + 48 : digit - 12 + 97;
}

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** 2^-32: multiplying by it is exact and cheaper than dividing by 2^32. */
const TWO_TO_MINUS_32 = 1 / 4294967296;

/**
 * Interns tokens as integers across pairs and remembers each token's stem, so the Porter stemmer runs once
 * per distinct word (pairTokenIds.ts asks it only when stemming). Short tokens are looked up by their numeric
 * key, longer ones by their bytes.
 */
export class TokenVocabulary {
  private keySlots = new Int32Array(1 << 14).fill(EMPTY);
  private keys = new Float64Array(1 << 14);
  private byteSlots = new Int32Array(1 << 12).fill(EMPTY);
  private byteHashes = new Int32Array(1 << 12);
  private longBytes = new Uint8Array(1 << 14);
  private longBytesUsed = 0;
  private longStart = new Int32Array(1 << 12);
  private scratch = new Uint8Array(64);
  /** Id of each token's stem under rouge-score's rule, or EMPTY until first asked. */
  private stemIds = new Int32Array(1 << 12);
  private strings: string[] = [];
  private keyCount = 0;
  private longCount = 0;

  get size(): number {
    return this.strings.length;
  }

  /** The id of the token (at most LONGEST_NUMERIC_KEY characters) whose numeric key is `key`. */
  idOfKey(key: number): number {
    const mask = this.keySlots.length - 1;
    let slot = mixKey(key) & mask;
    for (;;) {
      const id = this.keySlots[slot]!;
      if (id === EMPTY) return this.insertKey(slot, key);
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & mask;
    }
  }

  /** The id of a longer token given as folded bytes `bytes[0..length)`. */
  idOfBytes(bytes: Uint8Array, length: number): number {
    let hash = FNV_OFFSET;
    for (let k = 0; k < length; k++) hash = Math.imul(hash ^ bytes[k]!, FNV_PRIME);
    const mask = this.byteSlots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const id = this.byteSlots[slot]!;
      if (id === EMPTY) return this.insertBytes(slot, hash, bytes, length);
      if (this.byteHashes[slot] === hash && this.sameBytes(id, bytes, length)) return id;
      slot = (slot + 1) & mask;
    }
  }

  /** The id of a token given as a string of `[a-z0-9]`. */
  idOf(token: string): number {
    if (token.length <= LONGEST_NUMERIC_KEY) {
      let key = 0;
      for (let i = 0; i < token.length; i++) key = key * KEY_BASE + charDigit(token.charCodeAt(i));
      return this.idOfKey(key);
    }
    if (this.scratch.length < token.length) this.scratch = new Uint8Array(token.length * 2);
    for (let i = 0; i < token.length; i++) this.scratch[i] = token.charCodeAt(i);
    return this.idOfBytes(this.scratch, token.length);
  }

  /** The id of token `id` after rouge-score's stemming rule (Porter only for tokens longer than three). */
  stemmedId(id: number): number {
    const known = this.stemIds[id]!;
    if (known !== EMPTY) return known;
    const token = this.tokenOf(id);
    const stemId = token.length > LONGEST_UNSTEMMED ? this.idOf(porterStem(token)) : id;
    this.stemIds[id] = stemId;
    return stemId;
  }

  tokenOf(id: number): string {
    const token = this.strings[id];
    if (token === undefined) throw new RangeError(`no token with id ${id}`);
    return token;
  }

  /**
   * Forgets everything once more than `limit` tokens are known, so a long-running server scoring many
   * corpora keeps bounded memory. Only call between scorings: earlier ids become meaningless.
   */
  clearIfLargerThan(limit: number): void {
    if (this.strings.length <= limit) return;
    this.keySlots.fill(EMPTY);
    this.byteSlots.fill(EMPTY);
    this.longBytesUsed = 0;
    this.strings = [];
    this.keyCount = 0;
    this.longCount = 0;
  }

  private newId(token: string): number {
    const id = this.strings.length;
    this.strings.push(token);
    if (id >= this.stemIds.length) {
      const bigger = new Int32Array(this.stemIds.length * 2);
      bigger.set(this.stemIds);
      this.stemIds = bigger;
    }
    this.stemIds[id] = EMPTY;
    return id;
  }

  private insertKey(slot: number, key: number): number {
    const id = this.newId(keyToString(key));
    this.keySlots[slot] = id;
    this.keys[slot] = key;
    // At most half full, so probes stay short.
    if (++this.keyCount * 2 > this.keySlots.length) this.rehashKeys();
    return id;
  }

  private insertBytes(slot: number, hash: number, bytes: Uint8Array, length: number): number {
    const id = this.newId(asciiString(bytes.subarray(0, length)));
    if (this.longBytesUsed + length > this.longBytes.length) {
      const bigger = new Uint8Array(Math.max(this.longBytesUsed + length, this.longBytes.length * 2));
      bigger.set(this.longBytes);
      this.longBytes = bigger;
    }
    this.longBytes.set(bytes.subarray(0, length), this.longBytesUsed);
    if (id >= this.longStart.length) {
      const bigger = new Int32Array(Math.max(id + 1, this.longStart.length * 2));
      bigger.set(this.longStart);
      this.longStart = bigger;
    }
    this.longStart[id] = this.longBytesUsed;
    this.longBytesUsed += length;
    this.byteSlots[slot] = id;
    this.byteHashes[slot] = hash;
    if (++this.longCount * 2 > this.byteSlots.length) this.rehashBytes();
    return id;
  }

  private sameBytes(id: number, bytes: Uint8Array, length: number): boolean {
    if (this.strings[id]!.length !== length) return false;
    const start = this.longStart[id]!;
    for (let k = 0; k < length; k++) if (this.longBytes[start + k] !== bytes[k]) return false;
    return true;
  }

  private rehashKeys(): void {
    const oldSlots = this.keySlots;
    const oldKeys = this.keys;
    this.keySlots = new Int32Array(oldSlots.length * 2).fill(EMPTY);
    this.keys = new Float64Array(oldSlots.length * 2);
    const mask = this.keySlots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      const id = oldSlots[s]!;
      if (id === EMPTY) continue;
      const key = oldKeys[s]!;
      let slot = mixKey(key) & mask;
      while (this.keySlots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keySlots[slot] = id;
      this.keys[slot] = key;
    }
  }

  private rehashBytes(): void {
    const oldSlots = this.byteSlots;
    const oldHashes = this.byteHashes;
    this.byteSlots = new Int32Array(oldSlots.length * 2).fill(EMPTY);
    this.byteHashes = new Int32Array(oldSlots.length * 2);
    const mask = this.byteSlots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      const id = oldSlots[s]!;
      if (id === EMPTY) continue;
      const hash = oldHashes[s]!;
      let slot = hash & mask;
      while (this.byteSlots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.byteSlots[slot] = id;
      this.byteHashes[slot] = hash;
    }
  }
}

/** Spreads a numeric key (an integer below 2^53) over 32 bits for the hash table. */
function mixKey(key: number): number {
  const low = key >>> 0;
  const high = (key - low) * TWO_TO_MINUS_32;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}

/** The token whose numeric key is `key`. */
export function keyToString(key: number): string {
  const codes: number[] = [];
  while (key > 0) {
    const digit = key % KEY_BASE;
    codes.push(digitChar(digit));
    key = (key - digit) / KEY_BASE;
  }
  return String.fromCharCode(...codes.reverse());
}

/** Decodes ASCII bytes in chunks, so a very long token does not overflow the argument list. */
export function asciiString(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return s;
}
