// Signed part URLs for one multipart run, fetched lazily in batches: the part asked for plus the
// next pending ones. They expire, so they are asked for as parts are about to be sent, not all
// up front.
import type { UploadApi } from "./api";
import { UploadError } from "./errors";
import type { PartPlan } from "./plan";
import type { SignedPart } from "./types";

export class PartUrls {
  private readonly urls = new Map<number, Promise<SignedPart>>();

  constructor(
    private readonly api: UploadApi,
    private readonly uploadId: string,
    /** The parts this run sends, in order. */
    private readonly pending: readonly PartPlan[],
    private readonly batchSize: number,
    private readonly signal: AbortSignal,
    /** Index in `pending` of the next part no worker has taken yet. */
    private readonly nextIndex: () => number,
  ) {}

  /** The signed URL of part `n`: the one already asked for, else a new batch starting with it. */
  get(n: number): Promise<SignedPart> {
    return this.urls.get(n) ?? this.requestBatch(n);
  }

  /** The URL was used, or refused (expired): the next try of part `n` asks for a fresh one. */
  forget(n: number): void {
    this.urls.delete(n);
  }

  private requestBatch(first: number): Promise<SignedPart> {
    const { urls, pending } = this;
    const batch = [first];
    for (let i = this.nextIndex(); i < pending.length && batch.length < this.batchSize; i++) {
      const n = pending[i].partNumber;
      if (n !== first && !urls.has(n)) batch.push(n);
    }
    const answer = this.api.signParts(this.uploadId, batch, this.signal).then((list) => new Map(list.map((p) => [p.partNumber, p])));
    for (const n of batch) {
      const promise = answer.then((byNumber) => {
        const signed = byNumber.get(n);
        if (!signed) throw new UploadError("invalid_response", `The server did not sign part ${n}.`);
        return signed;
      });
      // A failed batch is forgotten so the next try asks again (and no rejection goes unhandled).
      promise.catch(() => {
        if (urls.get(n) === promise) urls.delete(n);
      });
      urls.set(n, promise);
    }
    return urls.get(first)!;
  }
}
