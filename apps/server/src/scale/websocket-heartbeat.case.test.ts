import { ONE_DIALECT } from '@accord/db/test-databases';
import { describe, expect, it } from 'vitest';
import { frozenWebsocket } from '../test/frozen-websocket.ts';
import { startTestApp } from '../test/test-app.ts';
import { metricValue, rawSocket, waitFor } from '../test/yjs-client.ts';

describe.each(ONE_DIALECT)('Yjs websocket pings on $name', (dialect) => {
  it('ends a connection whose peer stops answering pings, and keeps one that answers', async () => {
    const t = await startTestApp(dialect, { wsPingMs: 200 });
    try {
      const workshopId = await t.createWorkshop('blank');
      const alive = await t.join(workshopId, 'stakeholder');
      const gone = await t.join(workshopId, 'stakeholder');
      const answering = rawSocket(t.yjsUrl, workshopId, alive.token);
      let pinged = 0;
      answering.socket.on('ping', () => (pinged += 1));
      await answering.opened;
      const silent = await frozenWebsocket(t.url, `/yjs/${workshopId}?token=${encodeURIComponent(gone.token)}`);
      const ended = new Promise<number>((resolve) => {
        const at = Date.now();
        silent.once('close', () => resolve(Date.now() - at));
      });
      expect(await ended).toBeLessThan(3_000);
      expect(await metricValue(t.app.metrics.pingTimeouts)).toBe(1);
      // The official ws client answers pings by itself: still open after several intervals, counted by the
      // pings it was sent (the server ends a silent peer at the ping after the one it did not answer).
      const pingsBefore = pinged;
      await waitFor(() => pinged >= pingsBefore + 3, 5_000, 'three more pings to the answering client');
      expect(answering.socket.readyState).toBe(answering.socket.OPEN);
      answering.socket.close();
    } finally {
      await t.close();
    }
  }, 120_000);
});
