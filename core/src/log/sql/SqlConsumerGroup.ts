import type { Clock } from '../../domain/Clock.js';
import type { Database } from '../../storage/index.js';
import type { LogTopic } from '../InternalLog.js';

// Consumer groups of the SQL log, on `log_offsets`.
//
// Every (group, topic, partition) row holds the committed offset plus the lease of its current owner
// (`owner_id`, `lease_until`). A member claims a partition only when it is unowned or its lease expired,
// with a conditional update, so two members never both win it; it commits only `where owner_id = me`,
// so a member that lost a partition (it paused longer than the lease, say) cannot move the new owner's
// offset. Members renew all their leases in one statement every leaseMs/3.
//
// Members also register themselves, so that one owning nothing is still counted: membership slots are
// rows of the same table under the pseudo-topic `<topic>#members`, leased exactly like partitions (slot
// numbers are reused once their lease expired). With M live members and N partitions, the member at
// rank r (by slot) targets floor(N/M) + (r < N mod M ? 1 : 0) partitions: a member above its target
// releases partitions, one below claims free ones, and the group converges within a renewal or two.
// Leases compare clocks of different processes, so hosts must keep their clocks roughly in sync.

interface OffsetRow {
  topic: string;
  partition: number;
  owner_id: string | null;
  lease_until: number | string | null;
  committed_offset: number | string;
}

/** The outcome of one renewal round, for the subscription to act on. */
export interface GroupChanges {
  /** Partitions newly owned, with the group's committed offset. */
  acquired: Map<number, bigint>;
  /** Partitions this member believed it owned but does not any more. */
  lost: number[];
  /** Partitions over this member's fair share: commit, then release them. */
  surplus: number[];
  /** Leases held after this round are valid until this time. */
  leaseUntil: number;
}

export class SqlConsumerGroup {
  private readonly membersTopic: string;

  constructor(
    private readonly deps: {
      db: Database;
      clock: Clock;
      groupId: string;
      topic: LogTopic;
      memberId: string;
      leaseMs: number;
    },
  ) {
    this.membersTopic = `${deps.topic}#members`;
  }

  /** Renews this member's leases, then claims or gives up partitions toward its fair share. */
  async rebalance(owned: ReadonlySet<number>, partitionCount: number): Promise<GroupChanges> {
    const { db, groupId, memberId, topic } = this.deps;
    const now = this.deps.clock.now();
    const leaseUntil = now + this.deps.leaseMs;
    await db('log_offsets')
      .where({ group_id: groupId, owner_id: memberId })
      .whereIn('topic', [topic, this.membersTopic])
      .update({ lease_until: leaseUntil, updated_at: now });

    let rows = await this.readRows();
    const missing = Array.from({ length: partitionCount }, (_, p) => p).filter(
      (p) => !rows.some((r) => r.topic === topic && Number(r.partition) === p),
    );
    if (missing.length > 0) {
      await db('log_offsets')
        .insert(missing.map((partition) => this.freshRow(partition, now)))
        .onConflict(['group_id', 'topic', 'partition'])
        .ignore();
      rows = await this.readRows();
    }

    const live = (r: OffsetRow) => r.owner_id !== null && Number(r.lease_until) >= now;
    let members = rows.filter((r) => r.topic === this.membersTopic && live(r));
    if (!members.some((r) => r.owner_id === memberId)) {
      await this.join(rows, now, leaseUntil);
      members = (await this.readRows()).filter((r) => r.topic === this.membersTopic && live(r));
    }
    const rank = Math.max(
      0,
      members
        .map((r) => Number(r.partition))
        .sort((a, b) => a - b)
        .indexOf(Number(members.find((r) => r.owner_id === memberId)?.partition)),
    );
    const memberCount = Math.max(1, members.length);
    const target = Math.floor(partitionCount / memberCount) + (rank < partitionCount % memberCount ? 1 : 0);

    const partitions = rows.filter((r) => r.topic === topic && Number(r.partition) < partitionCount);
    const mine = new Map(
      partitions.filter((r) => r.owner_id === memberId).map((r) => [Number(r.partition), r] as const),
    );
    const changes: GroupChanges = { acquired: new Map(), lost: [], surplus: [], leaseUntil };
    changes.lost = [...owned].filter((p) => !mine.has(p));
    for (const [p, row] of mine) if (!owned.has(p)) changes.acquired.set(p, BigInt(row.committed_offset));

    if (mine.size > target) {
      changes.surplus = [...mine.keys()].sort((a, b) => b - a).slice(0, mine.size - target);
    } else {
      let held = mine.size;
      const free = partitions.filter((r) => r.owner_id === null || Number(r.lease_until) < now);
      for (const row of free) {
        if (held >= target) break;
        const claimed = await this.claim(topic, Number(row.partition), now, leaseUntil);
        if (claimed === undefined) continue;
        changes.acquired.set(Number(row.partition), claimed);
        held++;
      }
    }
    return changes;
  }

  /** Moves the committed offset if this member still owns the partition; false when it does not. */
  async commit(partition: number, offset: bigint): Promise<boolean> {
    const updated = await this.rows()
      .where({ partition, owner_id: this.deps.memberId })
      .update({ committed_offset: Number(offset), updated_at: this.deps.clock.now() });
    return updated > 0;
  }

  /** Gives partitions up (after committing them) so another member may claim them at once. */
  async release(partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    await this.rows()
      .whereIn('partition', partitions)
      .andWhere({ owner_id: this.deps.memberId })
      .update({ owner_id: null, lease_until: null, updated_at: this.deps.clock.now() });
  }

  /** Gives every partition and the membership slot up. */
  async leave(): Promise<void> {
    const { db, groupId, topic, memberId } = this.deps;
    await db('log_offsets')
      .where({ group_id: groupId, owner_id: memberId })
      .whereIn('topic', [topic, this.membersTopic])
      .update({ owner_id: null, lease_until: null, updated_at: this.deps.clock.now() });
  }

  private rows() {
    return this.deps.db('log_offsets').where({ group_id: this.deps.groupId, topic: this.deps.topic });
  }

  private async readRows(): Promise<OffsetRow[]> {
    return this.deps
      .db('log_offsets')
      .where({ group_id: this.deps.groupId })
      .whereIn('topic', [this.deps.topic, this.membersTopic])
      .orderBy(['topic', 'partition'])
      .select<OffsetRow[]>('topic', 'partition', 'owner_id', 'lease_until', 'committed_offset');
  }

  private freshRow(partition: number, now: number, topic: string = this.deps.topic) {
    return {
      group_id: this.deps.groupId,
      topic,
      partition,
      committed_offset: 0,
      owner_id: null,
      lease_until: null,
      updated_at: now,
    };
  }

  /** Conditionally takes a free row; returns its committed offset when this member won it. */
  private async claim(topic: string, partition: number, now: number, leaseUntil: number) {
    const { db, groupId, memberId } = this.deps;
    const won = await db('log_offsets')
      .where({ group_id: groupId, topic, partition })
      .andWhere((q) => void q.whereNull('owner_id').orWhere('lease_until', '<', now))
      .update({ owner_id: memberId, lease_until: leaseUntil, updated_at: now });
    if (won === 0) return undefined;
    const row = await db('log_offsets')
      .where({ group_id: groupId, topic, partition, owner_id: memberId })
      .first<{ committed_offset: number | string } | undefined>('committed_offset');
    return row === undefined ? undefined : BigInt(row.committed_offset);
  }

  /** Takes a free membership slot, or adds one. */
  private async join(rows: readonly OffsetRow[], now: number, leaseUntil: number): Promise<void> {
    const slots = rows.filter((r) => r.topic === this.membersTopic);
    for (const slot of slots) {
      if (slot.owner_id !== null && Number(slot.lease_until) >= now) continue;
      if ((await this.claim(this.membersTopic, Number(slot.partition), now, leaseUntil)) !== undefined)
        return;
    }
    // Another member may add the same slot number at the same time: the loser moves to the next one.
    for (let next = slots.length; ; next++) {
      await this.deps
        .db('log_offsets')
        .insert({
          ...this.freshRow(next, now, this.membersTopic),
          owner_id: this.deps.memberId,
          lease_until: leaseUntil,
        })
        .onConflict(['group_id', 'topic', 'partition'])
        .ignore();
      if (await this.owns(this.membersTopic, next)) return;
    }
  }

  private async owns(topic: string, partition: number): Promise<boolean> {
    const row = await this.deps
      .db('log_offsets')
      .where({ group_id: this.deps.groupId, topic, partition, owner_id: this.deps.memberId })
      .first<{ partition: number } | undefined>('partition');
    return row !== undefined;
  }
}
