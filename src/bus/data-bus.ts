/**
 * The execution-time data bus: while a chunk is replayed, the emitter writes one message per
 * external operation and per memory access, and the bus hands it to every device listening on that
 * bus id — the counters in the counting phase, the instances' collectors in the witness phase.
 *
 * Messages are numbers in a Uint32Array whose layout is fixed per bus (see `payload.ts`); the array
 * is reused, so a device copies what it keeps. A device may derive further messages (Arith asks
 * Binary to prove that a remainder is below the divisor): it pushes them to the pending queue, and
 * the bus routes them after the current message, before the next one arrives. The order in which a
 * device sees messages is therefore a pure function of the chunk, the same when counting and when
 * collecting — which is what lets a collector skip exactly the operations an earlier instance took.
 */

export interface BusDevice {
  /** The bus ids this device listens to. */
  readonly busIds: readonly number[];
  /**
   * Receives one message. Returns false when the device needs nothing more from this chunk (a
   * collector that is full); the replay may stop early once every device has said so.
   */
  processData(busId: number, data: Uint32Array, pending: PendingQueue): boolean;
}

/** Messages derived while processing another, routed right after it (rare: Arith's derived checks). */
export class PendingQueue {
  private readonly buses: number[] = [];
  private readonly messages: Uint32Array[] = [];

  /** Queues a copy of `data` for bus `busId`. */
  push(busId: number, data: ArrayLike<number>): void {
    this.buses.push(busId);
    this.messages.push(Uint32Array.from(data));
  }

  get length(): number {
    return this.buses.length;
  }

  /** Removes and returns the oldest message. */
  shift(): { busId: number; data: Uint32Array } | undefined {
    if (this.buses.length === 0) return undefined;
    return { busId: this.buses.shift()!, data: this.messages.shift()! };
  }
}

export class DataBus {
  private readonly routes = new Map<number, BusDevice[]>();
  private readonly pending = new PendingQueue();
  /** Collectors that still want data from this chunk. */
  private active: number;
  private readonly done = new Set<BusDevice>();

  /**
   * `devices` receive messages and may finish; `generators` (devices deriving messages for others)
   * receive every message, are routed first, and never count towards `finished`.
   */
  constructor(
    readonly devices: readonly BusDevice[],
    readonly generators: readonly BusDevice[] = [],
  ) {
    for (const d of [...generators, ...devices]) {
      for (const id of d.busIds) {
        let list = this.routes.get(id);
        if (!list) this.routes.set(id, (list = []));
        list.push(d);
      }
    }
    this.active = devices.length;
  }

  /** True when every collecting device has reported it needs nothing more from the chunk. */
  get finished(): boolean {
    return this.devices.length > 0 && this.active === 0;
  }

  /** Routes one message, then every message derived from it. */
  write(busId: number, data: Uint32Array): void {
    this.route(busId, data);
    while (this.pending.length > 0) {
      const next = this.pending.shift()!;
      this.route(next.busId, next.data);
    }
  }

  private route(busId: number, data: Uint32Array): void {
    const list = this.routes.get(busId);
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      if (this.done.has(d)) continue;
      if (!d.processData(busId, data, this.pending) && !this.generators.includes(d)) {
        this.done.add(d);
        this.active--;
      }
    }
  }
}
