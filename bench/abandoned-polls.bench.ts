// Polls abandoned by their callers: how many tasks the server leaves started that no client got.
// Raw HTTP pollers hang up at random moments while tasks arrive (test/integration/local/hang-up-load.ts);
// the server runs in its own process, as it does for workers.
// Run: node bench/run.js abandoned   (ROUNDS=n to repeat; figures are totals over the rounds)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as S from '@aws-sdk/client-swf';
import { spawnServer } from '../test/integration/local/server-process.ts';
import { runHangUpLoad, type HangUpFigures } from '../test/integration/local/hang-up-load.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const rows: Record<string, string | number>[] = [];
for (const [db, maxHangUpMs] of [
  [':memory:', 300],
  ['file', 300],
  [':memory:', 100],
  ['file', 100],
] as const) {
  const totals: HangUpFigures = {
    scheduled: 0,
    abandonedPolls: 0,
    givenBack: 0,
    received: 0,
    timedOutAtOnce: 0,
    lost: 0,
  };
  const started = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-hangup-'));
    const server = await spawnServer({ db: db === 'file' ? join(dir, 'swf.db') : db, longPollMs: 500 });
    const client = new S.SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    try {
      const figures = await runHangUpLoad({
        url: server.url,
        client,
        domain: `hang-up-${round}`,
        runs: 40,
        activitiesPerRun: 4,
        quitters: 30,
        maxHangUpMs,
        stayers: 3,
      });
      for (const key of Object.keys(totals) as (keyof HangUpFigures)[]) totals[key] += figures[key];
    } finally {
      client.destroy();
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push({
    db,
    'hang-up within ms': maxHangUpMs,
    rounds: ROUNDS,
    ...totals,
    'lost per 1000 abandoned polls': Number(((1000 * totals.lost) / Math.max(1, totals.abandonedPolls)).toFixed(2)),
    seconds: (Date.now() - started) / 1000,
  });
}
console.table(rows);
