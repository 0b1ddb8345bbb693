/** One before-sleep notice: the namespace and when its sleep is due. */
export type SleepNoticeClaim = {
  cluster: string;
  namespace: string;
  dueAt: Date;
  claimedBy: string;
  claimedAt: Date;
};

/** The notices sent, so each (namespace, due time) is told once across instances. */
export interface SleepNoticeStore {
  /** True for the one caller that claims this (namespace, due time) first. */
  claim(notice: SleepNoticeClaim): Promise<boolean>;
  /** Forgets the notices of sleeps due before `at`. */
  purgeBefore(at: Date): Promise<void>;
}
