import { Knex } from 'knex';

type NamespaceRef = { cluster: string; namespace: string };

/** The Alertmanager silence muting a sleeping namespace. */
export type StoredSilence = NamespaceRef & {
  silenceId: string;
  endsAt: Date;
};

const TABLE = 'ns_alertmanager_silences';

type Row = {
  cluster_name: string;
  namespace_name: string;
  silence_id: string;
  ends_at: number | string;
  created_at: number | string;
};

/** One silence per namespace in the portal database, shared by every backend instance. */
export class KnexSilenceStore {
  static create(options: { knex: Knex }): KnexSilenceStore {
    return new KnexSilenceStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Remembers the namespace's silence, replacing any earlier one. */
  async put(silence: StoredSilence, now: Date): Promise<void> {
    await this.knex<Row>(TABLE)
      .insert({
        cluster_name: silence.cluster,
        namespace_name: silence.namespace,
        silence_id: silence.silenceId,
        ends_at: silence.endsAt.getTime(),
        created_at: now.getTime(),
      })
      .onConflict(['cluster_name', 'namespace_name'])
      .merge(['silence_id', 'ends_at', 'created_at']);
  }

  async get(ref: NamespaceRef): Promise<StoredSilence | undefined> {
    const row = await this.knex<Row>(TABLE).where(keyOf(ref)).first();
    return (
      row && {
        cluster: row.cluster_name,
        namespace: row.namespace_name,
        silenceId: row.silence_id,
        endsAt: new Date(Number(row.ends_at)),
      }
    );
  }

  /** Forgets the namespace's silence if it is still `silenceId` (another instance may have replaced it). */
  async remove(ref: NamespaceRef, silenceId: string): Promise<void> {
    await this.knex<Row>(TABLE)
      .where({ ...keyOf(ref), silence_id: silenceId })
      .delete();
  }
}

function keyOf(ref: NamespaceRef) {
  return { cluster_name: ref.cluster, namespace_name: ref.namespace };
}
