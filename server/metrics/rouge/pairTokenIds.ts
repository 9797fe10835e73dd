import { growInt32 } from './bitWords';
import { asciiString, keyToString, type TokenVocabulary } from './vocabulary';

/**
 * The largest key of a token of ten characters is 38^10 - 1 < 2^53, so it is exact; any longer token's key
 * (at least 2 * 38^10, rounded) lies above this bound. Rounded keys still depend on every character, which
 * makes them good hashes, but two tokens may share one: those are told apart by their characters.
 */
const LARGEST_EXACT_KEY = 2 ** 53;

/**
 * Slot of an exact key in a table of 2^(32 - shift) slots: Fibonacci hashing of the key's low 32 bits. A
 * key is a base-38 number and 38^k = 2^k * 19^k: every character still reaches those bits, and the
 * multiplication's top bits mix them all. The one conversion is much cheaper than splitting the double.
 */
function slotOfExact(key: number, shift: number): number {
  return Math.imul(key >>> 0, 0x9e3779b1) >>> shift;
}

/** The bit pattern of a double, to hash rounded keys (their low 32 bits as integers are mostly zero). */
const keyBits = new Float64Array(1);
const keyWords = new Int32Array(keyBits.buffer);

function slotOfRounded(key: number, shift: number): number {
  keyBits[0] = key;
  return Math.imul(keyWords[0]! ^ Math.imul(keyWords[1]!, 0x85ebca6b), 0x9e3779b1) >>> shift;
}

/**
 * Numbers the distinct tokens (or, when stemming, the distinct stems) of one pair of texts 0..K-1, so the
 * metrics' per-token tables are small arrays. Its own hash table, emptied between pairs, stays small and in
 * cache, where the vocabulary's grows with everything ever scored; without stemming, tokens never reach the
 * vocabulary at all.
 *
 * Tokens are keyed by the number the tokenizer accumulates (see vocabulary.ts); 0 marks an empty slot. A
 * token longer than ten characters also keeps its characters, lower-cased, in `spellings`.
 */
export class PairTokenIds {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024);
  /** For a longer token's slot: where its characters start in `spellings`, and how many there are. */
  private spellingAt = new Int32Array(1024);
  private spellingLength = new Int32Array(1024);
  private spellings = new Uint8Array(1024);
  private spellingsUsed = 0;
  /** 32 - log2(table size). */
  private shift = 22;
  /** The slots filled in this pair, to empty them for the next. */
  private filled = new Int32Array(512);
  private filledCount = 0;
  /** Each id's key, or for a longer token -(its `spellings` offset + 1); when stemming, see `idOfStemOf`. */
  private keyOfId = new Float64Array(256);
  /** Id of each vocabulary stem in this pair, valid where `stemStamp` holds the current pair's stamp. */
  private idOfStem = new Int32Array(256);
  private stemStamp = new Int32Array(256);
  private stamp = 0;
  private useStemmer = false;
  /** Number of ids given out in this pair. */
  size = 0;

  constructor(readonly vocabulary: TokenVocabulary) {}

  /** Forgets the previous pair's ids. */
  reset(useStemmer: boolean): void {
    const keys = this.keys;
    for (let k = 0; k < this.filledCount; k++) keys[this.filled[k]!] = 0;
    this.filledCount = 0;
    this.spellingsUsed = 0;
    this.size = 0;
    this.useStemmer = useStemmer;
    if (useStemmer && ++this.stamp === 0x7fffffff) {
      // Stamps only need to differ from every earlier pair's: start over long before they could wrap.
      this.stemStamp.fill(0);
      this.stamp = 1;
    }
  }

  /**
   * Sets `ids[k]` to the id of the token with key `keys[from + k]`, for k < count, leaving -1 for tokens
   * longer than ten characters (see idOfLongToken). One loop over all tokens with the table in locals: V8
   * re-checks each typed array it reaches through `this` at every access.
   */
  idsOfKeys(keys: Float64Array, from: number, count: number, ids: Int32Array): void {
    let table = this.keys;
    let tableIds = this.ids;
    let shift = this.shift;
    let mask = table.length - 1;
    for (let k = 0; k < count; k++) {
      const key = keys[from + k]!;
      if (key >= LARGEST_EXACT_KEY) {
        ids[k] = -1;
        continue;
      }
      let slot = slotOfExact(key, shift);
      for (;;) {
        const found = table[slot]!;
        if (found === key) {
          ids[k] = tableIds[slot]!;
          break;
        }
        if (found === 0) {
          ids[k] = this.insert(slot, key, null, 0, 0);
          // Inserting may have grown the table.
          table = this.keys;
          tableIds = this.ids;
          shift = this.shift;
          mask = table.length - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /**
   * Id of a longer token: `key` is its (rounded) key and `chars[from..to)` its characters, ASCII letters and
   * digits in any case.
   */
  idOfLongToken(key: number, chars: Uint8Array, from: number, to: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = slotOfRounded(key, this.shift);
    for (;;) {
      const k = keys[slot]!;
      if (k === 0) return this.insert(slot, key, chars, from, to);
      if (k === key && this.spelledAt(slot, chars, from, to)) return this.ids[slot]!;
      slot = (slot + 1) & mask;
    }
  }

  /** The token (or stem) with id `id`, as a string. */
  tokenOf(id: number): string {
    if (id >= this.size) throw new RangeError(`no token with id ${id}`);
    const key = this.keyOfId[id]!;
    if (this.useStemmer) return this.vocabulary.tokenOf(-key - 1);
    if (key > 0) return keyToString(key);
    const at = -key - 1;
    let end = at;
    while (this.spellings[end] !== 0) end++;
    return asciiString(this.spellings.subarray(at, end));
  }

  /** Whether the longer token in `slot` is spelled `chars[from..to)` (lower-casing ASCII letters: `| 0x20`). */
  private spelledAt(slot: number, chars: Uint8Array, from: number, to: number): boolean {
    if (this.spellingLength[slot] !== to - from) return false;
    const spellings = this.spellings;
    const at = this.spellingAt[slot]! - from;
    for (let k = from; k < to; k++) if (spellings[at + k] !== (chars[k]! | 0x20)) return false;
    return true;
  }

  private insert(slot: number, key: number, chars: Uint8Array | null, from: number, to: number): number {
    let spelling = 0;
    if (chars) spelling = this.spell(slot, chars, from, to);
    const id = this.useStemmer ? this.idOfStemOf(key, spelling, to - from) : this.newId(chars ? -(spelling + 1) : key);
    this.keys[slot] = key;
    this.ids[slot] = id;
    if (this.filled.length === this.filledCount) this.filled = growInt32(this.filled, this.filledCount + 1);
    this.filled[this.filledCount++] = slot;
    // At most half full, so probes stay short.
    if (this.filledCount * 2 > this.keys.length) this.rehash();
    return id;
  }

  /** Copies a longer token's characters, lower-cased and followed by a 0, into `spellings`; returns where. */
  private spell(slot: number, chars: Uint8Array, from: number, to: number): number {
    const at = this.spellingsUsed;
    if (this.spellings.length < at + to - from + 1) {
      const bigger = new Uint8Array(Math.max(at + to - from + 1, this.spellings.length * 2));
      bigger.set(this.spellings);
      this.spellings = bigger;
    }
    for (let k = from; k < to; k++) this.spellings[at + k - from] = chars[k]! | 0x20;
    this.spellings[at + to - from] = 0;
    this.spellingsUsed = at + to - from + 1;
    this.spellingAt[slot] = at;
    this.spellingLength[slot] = to - from;
    return at;
  }

  private newId(key: number): number {
    const id = this.size++;
    if (this.keyOfId.length === id) {
      const bigger = new Float64Array(id * 2);
      bigger.set(this.keyOfId);
      this.keyOfId = bigger;
    }
    this.keyOfId[id] = key;
    return id;
  }

  /**
   * The pair's id for the stem of a token under rouge-score's stemming rule: the token with key `key`, or the
   * longer token spelled at `spelling` (`length` characters). Its key is then -(vocabulary id of the stem + 1).
   */
  private idOfStemOf(key: number, spelling: number, length: number): number {
    const vocabulary = this.vocabulary;
    const token = key < LARGEST_EXACT_KEY ? vocabulary.idOfKey(key) : vocabulary.idOfBytes(this.spellings.subarray(spelling), length);
    const stem = vocabulary.stemmedId(token);
    if (this.stemStamp.length <= stem) {
      const size = Math.max(stem + 1, this.stemStamp.length * 2);
      this.stemStamp = growInt32(this.stemStamp, size);
      this.idOfStem = growInt32(this.idOfStem, size);
    }
    if (this.stemStamp[stem] === this.stamp) return this.idOfStem[stem]!;
    const id = this.newId(-(stem + 1));
    this.stemStamp[stem] = this.stamp;
    this.idOfStem[stem] = id;
    return id;
  }

  private rehash(): void {
    const { keys: oldKeys, ids: oldIds, spellingAt: oldAt, spellingLength: oldLength } = this;
    const size = oldKeys.length * 2;
    this.keys = new Float64Array(size);
    this.ids = new Int32Array(size);
    this.spellingAt = new Int32Array(size);
    this.spellingLength = new Int32Array(size);
    this.shift--;
    const mask = size - 1;
    for (let k = 0; k < this.filledCount; k++) {
      const from = this.filled[k]!;
      const key = oldKeys[from]!;
      let slot = key < LARGEST_EXACT_KEY ? slotOfExact(key, this.shift) : slotOfRounded(key, this.shift);
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.ids[slot] = oldIds[from]!;
      this.spellingAt[slot] = oldAt[from]!;
      this.spellingLength[slot] = oldLength[from]!;
      this.filled[k] = slot;
    }
  }
}
