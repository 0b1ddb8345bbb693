/** How a kind's original value is written in its marker annotation. */
export interface MarkerCodec {
  encode(level: number): string;
  decode(marker: string): number | undefined;
}

/** Replicas and minReplicas: a non-negative integer. */
export const replicasCodec: MarkerCodec = {
  encode: level => String(level),
  decode: marker =>
    /^\d+$/.test(marker.trim()) ? Number(marker.trim()) : undefined,
};

/** CronJob: the original `spec.suspend`; level 1 = active. */
export const suspendCodec: MarkerCodec = {
  encode: level => String(level === 0),
  decode: marker => ({ true: 0, false: 1 }[marker.trim()]),
};

/** ScaledObject: the original paused-replicas; we only pause unpaused ones, so `none`. */
export const pausedCodec: MarkerCodec = {
  encode: () => 'none',
  decode: marker => (marker.trim() === 'none' ? 1 : undefined),
};
