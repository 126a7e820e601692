/**
 * Values kept for one client request and dropped with it: a WeakMap keyed by the request (the Mesh
 * context's `request`, or the context itself where there is none). Nothing kept here outlives its request
 * or reaches another caller, so it may hold what was read with the caller's own credentials (its role, a
 * REST detail asked for by three fields of the same image).
 */
export class PerRequest<V> {
  private readonly byRequest = new WeakMap<object, Map<string, V>>();

  /** The value under `key` for this request, made by `make` the first time. */
  get(context: object, key: string, make: () => V): V {
    const owner = (context as { request?: object }).request ?? context;
    let values = this.byRequest.get(owner);
    if (!values) {
      values = new Map();
      this.byRequest.set(owner, values);
    }
    if (!values.has(key)) values.set(key, make());
    return values.get(key) as V;
  }
}
