/** Monotonic ids shared by the call log and the push log, so a reader can merge them and poll with `after`. */
export class Sequence {
  private last = 0;

  next(): number {
    return ++this.last;
  }

  get current(): number {
    return this.last;
  }
}
