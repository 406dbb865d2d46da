import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** `Key=value` settings of a systemd unit (the last one wins, as in systemd). */
function unitSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) settings.set(match[1]!, match[2]!);
  }
  return settings;
}

/** systemd time spans used here: `90`, `90s`, `15min`. */
function seconds(span: string): number {
  const match = /^(\d+)\s*(s|sec|min|m)?$/.exec(span.trim());
  assert.ok(match, `unsupported time span ${span}`);
  return Number(match[1]) * (match[2] === 'min' || match[2] === 'm' ? 60 : 1);
}

describe('systemd units in infra/systemd', () => {
  for (const [file, command] of [
    ['infra/systemd/flowy-workflow-worker.service', 'start-workflow-worker'],
    ['infra/systemd/flowy-activity-worker.service', 'start-activity-worker'],
  ] as const) {
    test(`${file} runs "flowy ${command} --no-register", restarts on failure and stops gracefully`, () => {
      const unit = unitSettings(read(file));
      const exec = unit.get('ExecStart') ?? '';
      assert.match(exec, new RegExp(`/flowy ${command} `));
      // the worker roles' IAM policies do not allow registration
      assert.match(exec, / --no-register\b/);
      assert.equal(unit.get('Restart'), 'on-failure');
      assert.equal(unit.get('KillSignal'), 'SIGTERM');
      assert.equal(unit.get('KillMode'), 'mixed');
      assert.ok(unit.get('EnvironmentFile'), 'EnvironmentFile is set');
      // longer than one SWF long poll (60 s)
      assert.ok(seconds(unit.get('TimeoutStopSec') ?? '0') > 60);
    });
  }

  test('infra/systemd/flowy-dev.service runs the local server on loopback with its database in the state directory', () => {
    const unit = unitSettings(read('infra/systemd/flowy-dev.service'));
    const exec = unit.get('ExecStart') ?? '';
    assert.match(exec, /\/flowy dev /);
    assert.match(exec, / --host 127\.0\.0\.1 /);
    const db = /--db (\S+)/.exec(exec)?.[1] ?? '';
    assert.ok(db.startsWith(`/var/lib/${unit.get('StateDirectory')}/`), `--db ${db} is under StateDirectory`);
    assert.equal(unit.get('Restart'), 'on-failure');
    assert.equal(unit.get('KillSignal'), 'SIGTERM');
    assert.equal(unit.get('WantedBy'), 'multi-user.target');
  });

  test('the activity worker gets to hand back its tasks before systemd kills it', () => {
    const unit = unitSettings(read('infra/systemd/flowy-activity-worker.service'));
    const grace = Number(/--shutdown-grace (\d+)/.exec(unit.get('ExecStart') ?? '')?.[1]);
    assert.ok(grace > 0, 'ExecStart sets --shutdown-grace');
    assert.ok(seconds(unit.get('TimeoutStopSec')!) >= grace + 30, 'TimeoutStopSec leaves time after the grace period');
  });
});

describe('infra/terraform/main.tf', () => {
  test('creates the domain from variables and one policy per role from infra/iam', () => {
    const tf = read('infra/terraform/main.tf');
    assert.match(tf, /resource "aws_swf_domain" "\w+"/);
    for (const variable of ['region', 'domain', 'retention_days'])
      assert.match(tf, new RegExp(`variable "${variable}"`));
    for (const policy of ['decider', 'activity-worker', 'operator']) {
      assert.match(tf, new RegExp(`templatefile\\("\\$\\{path.module\\}/../iam/${policy}-policy.json"`));
    }
    // every placeholder the policies use is given to templatefile
    const placeholders = new Set(
      ['decider', 'activity-worker', 'operator'].flatMap((p) =>
        [...read(`infra/iam/${p}-policy.json`).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!),
      ),
    );
    for (const name of placeholders)
      assert.match(tf, new RegExp(`\\b${name}\\s*=`), `templatefile variables lack ${name}`);
  });
});
