type NamespaceRef = { cluster: string; namespace: string };

/** A namespace allowed to be awake during one off-hours period. */
export type SlotHolder = NamespaceRef & {
  /** `global` or `cluster:<name>`. */
  scope: string;
  /** 1 … the limit. */
  slot: number;
  costCenter: string;
  requestedBy: string;
  approvedBy?: string;
  scheduleId?: string;
  acquiredAt: Date;
};

/** Asking for a slot of the period starting at `period` (epoch ms). */
export type SlotClaim = Omit<SlotHolder, 'slot'> & {
  period: number;
  limit: number;
};

export type SlotAcquisition =
  | { acquired: true; holder: SlotHolder; isNew: boolean }
  | { acquired: false; holders: SlotHolder[] };

/** Off-hours slots: at most `limit` per (period, scope), one per namespace and period. */
export interface OffHoursSlotStore {
  /** The namespace's slot (taken now, or already held), or the holders that leave none. */
  acquire(claim: SlotClaim): Promise<SlotAcquisition>;
  /** Frees the namespace's slots taken at or before `takenBy`. */
  release(ref: NamespaceRef, takenBy: Date): Promise<void>;
  /** The period's holders, by scope and slot; of one scope when given. */
  holders(period: number, scope?: string): Promise<SlotHolder[]>;
  /** True for the one caller that claims the start of the period. */
  claimBoundary(period: number, claimedBy: string, at: Date): Promise<boolean>;
  /** Forgets the slots of earlier periods. */
  purgeBefore(period: number): Promise<void>;
}
