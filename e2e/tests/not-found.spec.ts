/**
 * An address that is no page of the app shows the app's own "Nothing here" page (status 404)
 * with a way home, in the person's language, never the server's JSON. Files and the server's own
 * paths keep their plain 404.
 */
import { test, expect } from '../support/fixtures.js';
import { UI_TIMEOUT_MS } from '../support/app.js';

test('an unknown page address shows "Nothing here" with a way home', async ({ server, people }) => {
  const ann = await people.add('Ann');
  const response = await ann.page.goto(`${server.url}/no/such/page`);
  expect(response?.status()).toBe(404);
  await expect(ann.page.getByRole('heading', { level: 1, name: 'Nothing here' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(ann.page.getByText('Not Found')).toHaveCount(0);
  await ann.page.getByRole('button', { name: 'Back to start' }).click();
  await expect(ann.page).toHaveURL(`${server.url}/`);
  await expect(ann.page.getByRole('button', { name: 'Start a new call' })).toBeVisible();

  // A missing file or API address is not a page: a plain 404 for the program that asked.
  const asset = await ann.page.request.get(`${server.url}/assets/missing-123.js`);
  expect(asset.status()).toBe(404);
  expect(asset.headers()['content-type']).toMatch(/application\/json/);
  const api = await ann.page.request.get(`${server.url}/api/nothing`);
  expect(api.status()).toBe(404);
  expect(api.headers()['content-type']).toMatch(/application\/json/);
});

test('in Russian too', async ({ server, people }) => {
  const ivan = await people.add('Иван', { context: { locale: 'ru-RU' } });
  const response = await ivan.page.goto(`${server.url}/nichego`);
  expect(response?.status()).toBe(404);
  await expect(ivan.page.getByRole('heading', { level: 1, name: 'Здесь ничего нет' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(ivan.page.getByRole('button', { name: 'На главную' })).toBeVisible();
});
