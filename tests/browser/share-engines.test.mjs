// Issue 16 in Chromium, Firefox ESR and WebKit, through one driver (drivers.mjs): on the result, the summary
// for the therapist (the share sheet where the engine has one, else a mailto: link; Copy either copies or
// shows the text to copy) and "Add to my calendar", whose file is read as the page makes it. The Playwright
// details (share stubbed, clipboard read back, the download itself) are in share.test.mjs.
//
//   node --test tests/browser/share-engines.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';
import { USUAL_ANSWERS } from './checker-page.mjs';
import { describeEngines, waitFor } from './drivers.mjs';
import { read, exists, openReady, walkCheck } from './walker.mjs';

const strings = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${language}.json`), 'utf8'));
const { timeline } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/knowledge-base.json'), 'utf8'));

// Runs in the page: keeps the text of every Blob the page makes a URL for, as the calendar file is one.
function keepBlobs() {
  window.__blobs = [];
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    blob.text().then((text) => window.__blobs.push(text));
    return make.call(URL, blob);
  };
  return true;
}

describeEngines((env) => {
  test('de: send the summary, copy it, and save the reminder', async () => {
    const { ui } = strings('de');
    await env.withDriver(async (driver) => {
      await openReady(driver, `${env.site.url}de/`);
      const shownFrom = Date.now();
      await walkCheck(driver, USUAL_ANSWERS);
      const shownBy = Date.now();
      assert.equal(await read(driver, 'article.result', 'data-disposition'), 'self_care');

      const hasShare = await driver.evaluate(() => typeof navigator.share === 'function');
      const mailto = await read(driver, '.share a[href^="mailto:"]', 'href');
      if (hasShare) {
        assert.equal(await read(driver, '.share button'), ui.share);
      } else {
        const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(mailto)[1]);
        assert.ok(body.includes(`\r\n${ui.summary_answers}\r\n`), 'the German summary, CRLF');
        assert.equal(await read(driver, '.share a'), ui.share_email);
      }

      // The engine's clipboard may refuse a test's page; either way the person is told what happened.
      await driver.click('.share .actions button:last-child');
      await waitFor(async () => [ui.share_copied, ui.share_copy_failed].includes(await read(driver, '.share-status')), { what: 'the copy to be confirmed or refused' });
      if ((await read(driver, '.share-status')) === ui.share_copy_failed) {
        assert.match(await read(driver, '.share textarea', '.value'), new RegExp(ui.summary_answers));
      }

      assert.ok(await driver.evaluate(keepBlobs));
      await driver.click('.remind button');
      await waitFor(() => driver.evaluate(() => window.__blobs.length === 1), { what: 'the calendar file' });
      const calendar = await driver.evaluate(() => window.__blobs[0]);
      assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
      const [, y, mo, d, h, mi, s] = /\r\nDTSTART:(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z\r\n/.exec(calendar);
      const start = Date.UTC(+y, mo - 1, +d, +h, +mi, +s);
      const hours = timeline.recheck_after_hours * 3_600_000;
      assert.ok(start >= shownFrom + hours - 1000 && start <= shownBy + hours, 'DTSTART: a day (recheck_after_hours) after the result');
      assert.ok(calendar.includes(`\r\nURL:${env.site.url}de/\r\n`));
      assert.ok(!calendar.includes(USUAL_ANSWERS.massage_type) && !/Schulter/.test(calendar), 'no answer in the calendar file');
      assert.equal(await exists(driver, '.remind button'), true);
    });
  });
}, { timeout: 600_000 });
