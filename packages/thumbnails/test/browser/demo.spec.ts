import { test, expect } from '../../../../test-support/fixtures';

test('the demo: hovering its seek bar previews thumbnails; in TV mode FF runs I-frame trick play and OK resumes', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/examples/demo/`);
  // The demo plays the first title (the movie) and loads its thumbnails from the presentation.
  await expect(page.locator('#log')).toContainText('thumbnails: dash', { timeout: 30_000 });
  await page.waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).duration > 0);
  const bar = (await page.locator('.seekbar').boundingBox())!;
  await page.mouse.move(bar.x + bar.width * 0.5, bar.y + bar.height / 2);
  const preview = page.locator('.tessera-preview');
  await expect(preview).toHaveAttribute('data-state', 'shown');
  const start = Number(await preview.getAttribute('data-start'));
  expect(start).toBe(60);
  await page.mouse.move(bar.x + bar.width * 0.5, bar.y + 300);
  await expect(preview).toBeHidden();

  await page.locator('#tv-mode').check();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(']');
  await page.keyboard.press(']'); // 4×
  await expect(page.locator('body')).toHaveAttribute('data-trick-rate', '4');
  await expect(preview).toHaveAttribute('data-state', 'shown');
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).paused)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('body')).toHaveAttribute('data-trick-rate', '0');
  await page.waitForFunction(() => !(document.getElementById('video') as HTMLVideoElement).paused);
});
