import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { devPreset } from './devPreset.js';

test('devPreset › caravan dev admits loopback receivers and brokers on any host', (t) => {
  const preset = devPreset(mkdtempSync(join(tmpdir(), 'caravan-dev-')));
  t.like(preset.values, {
    ssrf: { allowedCidrs: ['127.0.0.0/8', '::1/128'] },
    sources: { allowedHosts: ['*'] },
  });
});
