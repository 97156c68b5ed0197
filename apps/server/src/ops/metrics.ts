import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (a registry of its own, so tests can run several apps). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({
      name: 'accord_yjs_connections',
      help: 'Open Yjs websocket connections',
      registers: [registry],
    }),
    loadedDocs: new Gauge({
      name: 'accord_loaded_workshops',
      help: 'Workshop documents held in memory',
      registers: [registry],
    }),
    updates: new Counter({
      name: 'accord_yjs_updates_total',
      help: 'Yjs updates stored and relayed',
      registers: [registry],
    }),
    droppedReadonly: new Counter({
      name: 'accord_yjs_readonly_updates_dropped_total',
      help: 'Updates from read-only participants, refused unapplied',
      registers: [registry],
    }),
    refusedUpdates: new Counter({
      name: 'accord_yjs_updates_refused_total',
      help: 'Client updates refused by the shape check (nothing stored or relayed)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    quarantined: new Counter({
      name: 'accord_yjs_updates_quarantined_total',
      help: "Stored updates set aside because they could not be applied or broke the document's shape",
      registers: [registry],
    }),
    rejectedFrames: new Counter({
      name: 'accord_yjs_frames_rejected_total',
      help: 'Frames rejected with a close code',
      labelNames: ['reason'],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'accord_commit_seconds',
      help: 'Latency of one group commit',
      registers: [registry],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    }),
    batchSize: new Histogram({
      name: 'accord_commit_batch_size',
      help: 'Updates per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200],
      registers: [registry],
    }),
    commitFailures: new Counter({
      name: 'accord_commit_failures_total',
      help: 'Group commits that failed (the room was reset)',
      registers: [registry],
    }),
    framesSent: new Counter({
      name: 'accord_yjs_frames_sent_total',
      help: 'Frames written to Yjs websockets',
      registers: [registry],
    }),
    socketWriteSeconds: new Counter({
      name: 'accord_yjs_socket_write_seconds_total',
      help: 'Time spent writing batched frames to Yjs websockets',
      registers: [registry],
    }),
    compactions: new Counter({
      name: 'accord_compactions_total',
      help: 'Compactions of a workshop log into a snapshot',
      registers: [registry],
    }),
    pingTimeouts: new Counter({
      name: 'accord_yjs_ping_timeouts_total',
      help: 'Yjs connections ended because a ping went unanswered',
      registers: [registry],
    }),
    redisConnected: new Gauge({
      name: 'accord_redis_connected',
      help: 'Whether each Redis connection is up (1) or not (0)',
      labelNames: ['role'],
      registers: [registry],
    }),
    redisDisconnects: new Counter({
      name: 'accord_redis_disconnects_total',
      help: 'Redis connections lost after having been up',
      labelNames: ['role'],
      registers: [registry],
    }),
    redisReconnects: new Counter({
      name: 'accord_redis_reconnects_total',
      help: 'Redis connections restored after a loss',
      labelNames: ['role'],
      registers: [registry],
    }),
    catchUps: new Counter({
      name: 'accord_fanout_catchups_total',
      help: 'Reads from the database to fill what the Redis fan-out missed',
      labelNames: ['why'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
