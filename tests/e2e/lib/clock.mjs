// Moving a test server through time: `spse serve` started with
// SPSE_TEST_CLOCK_FILE adds the seconds written in that file to its clock.
// The TOTP codes the tests type follow (lib/totp.mjs).
//
//   const clock = newTestClock();                  // before startServer
//   server = await startServer({ env: clock.env });
//   await clock.moveTo(Date.parse('2027-01-05T09:00:00+07:00'));
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { setServerClockShift } from './totp.mjs';

export function newTestClock() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spse-clock-'));
  const file = path.join(dir, 'offset');
  writeFileSync(file, '0\n');
  setServerClockShift(0);
  return {
    env: { SPSE_TEST_CLOCK_FILE: file },
    /** Makes the server's "now" `ms` (milliseconds since the epoch). */
    moveTo(ms) {
      const seconds = Math.round((ms - Date.now()) / 1000);
      writeFileSync(file, `${seconds}\n`);
      setServerClockShift(seconds * 1000);
    },
    remove() {
      setServerClockShift(0);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A datetime-local value ("2027-01-05T09:00") in WIB, as milliseconds since the epoch. */
export function wibMs(value) {
  return Date.parse(`${value}:00+07:00`);
}
