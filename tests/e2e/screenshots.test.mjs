// The README's screenshots: the list, the add form with errors and the details page, as a desktop in English (light),
// a phone in Chinese, and a desktop in dark mode. Every run takes them and checks them; `npm run screenshots` (with
// UPDATE_SCREENSHOTS=1) writes them to docs/screenshots/ in the repository.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from './harness.mjs';

const app = suite();
const FOLDER = process.env.UPDATE_SCREENSHOTS === '1'
  ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots')
  : await mkdtemp(join(tmpdir(), 'screenshots-'));

const VARIANTS = [
  { name: 'desktop-en', viewport: { width: 1280, height: 800 }, context: { locale: 'en-US' } },
  { name: 'phone-zh', viewport: { width: 360, height: 740 }, context: { locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  { name: 'desktop-dark', viewport: { width: 1280, height: 800 }, context: { locale: 'en-US', colorScheme: 'dark' } },
];

/** A PNG's width and height, from its IHDR chunk. */
function size(png) {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

for (const variant of VARIANTS) {
  app.test(`screenshots: ${variant.name}`, async ({ page, server }) => {
    await mkdir(FOLDER, { recursive: true });
    const shots = [];
    const shoot = async (view) => {
      // Nothing mid-transition, and no caret blinking into the picture.
      await page.evaluate(() => document.activeElement?.blur());
      const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
      const [width, height] = size(png);
      assert.equal(width, variant.viewport.width * (variant.context.deviceScaleFactor ?? 1), `${view}: the page's width`);
      assert.ok(height >= variant.viewport.height, `${view}: at least a screenful`);
      const file = join(FOLDER, `${variant.name}-${view}.png`);
      await writeFile(file, png);
      shots.push(file);
    };
    await page.goto(server.url);
    await page.locator('#ca-display-language').waitFor();
    await page.locator('.empty-state button').click();
    await page.locator('tbody tr').nth(11).waitFor();
    await shoot('list');

    await page.locator('.page-header a.button').click();
    await page.locator('form button.primary').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await shoot('add-errors');

    await page.goto(server.url);
    await page.locator('tbody tr th a').first().click();
    await page.locator('dl.details').first().waitFor();
    await shoot('details');
    assert.equal(shots.length, 3);
  }, { viewport: variant.viewport, context: variant.context });
}
