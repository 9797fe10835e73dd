/**
 * What `make` returns for a text, made once per distinct text: the built lines' ratings repeat their
 * combinations of axis values (31,103 distinct among the benchmark's 300,000), and formatting each rating's
 * anew was most of the writing thread's work. At most `limit` are kept (then it starts over), so an export
 * of ratings that never repeat holds no more than that.
 */
export class TextMemo {
  private readonly made = new Map<string, string>();

  constructor(
    private readonly make: (text: string) => string,
    private readonly limit = 50_000,
  ) {}

  get(text: string): string {
    let out = this.made.get(text);
    if (out === undefined) {
      out = this.make(text);
      if (this.made.size >= this.limit) this.made.clear();
      this.made.set(text, out);
    }
    return out;
  }
}
