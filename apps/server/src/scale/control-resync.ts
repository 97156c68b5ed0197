import type { Database } from '@accord/db/schema';
import type { Phase } from '@accord/protocol/phases';
import type { Kysely } from 'kysely';
import type { ControlServer } from '../control/control-plane.ts';
import type { Logger } from '../logger.ts';

/**
 * After this node's socket.io subscriber was away, phase and timer changes made on other nodes meanwhile
 * never reached its participants. This re-reads both from PostgreSQL (the authority) for every workshop with
 * a participant connected here and sends them again; clients apply the same state twice harmlessly.
 */
export async function resyncControlState(db: Kysely<Database>, io: ControlServer, logger: Logger): Promise<number> {
  const ids = [...io.of('/').adapter.rooms.keys()].filter((room) => room.startsWith('w:')).map((room) => room.slice(2));
  if (ids.length === 0) return 0;
  try {
    const rows = await db.selectFrom('workshops').select(['id', 'phase', 'timer_ends_at', 'timer_duration_s']).where('id', 'in', ids).execute();
    for (const row of rows) {
      const changer = await db.selectFrom('audit_events').select('actor_name').where('workshop_id', '=', row.id).where('kind', '=', 'phase.changed')
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      const room = io.local.to(`w:${row.id}`);
      room.emit('phase', { phase: row.phase as Phase, changedBy: changer?.actor_name ?? 'the facilitator' });
      const running = row.timer_ends_at !== null && row.timer_ends_at.getTime() > Date.now();
      room.emit('timer', {
        endsAtMs: running ? row.timer_ends_at?.getTime() ?? null : null, durationSeconds: running ? row.timer_duration_s : 0, startedBy: null, serverNowMs: Date.now(),
      });
    }
    logger.info({ workshops: rows.length }, 'control state re-sent after the socket.io subscriber came back');
    return rows.length;
  } catch (error) {
    logger.warn({ err: String(error) }, 'could not re-read control state after Redis came back');
    return 0;
  }
}
