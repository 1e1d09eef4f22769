/**
 * Issue 8, languages: a browser in Russian gets the app in Russian (every visible string, name
 * and title, and 24-hour times); the language picker switches to English and the choice is
 * remembered over the browser's language.
 */
import type { Page } from '@playwright/test';
import { en } from '../../packages/web/src/i18n/en.js';
import { test, expect } from '../support/fixtures.js';
import { UI_TIMEOUT_MS } from '../support/app.js';

const ru = { locale: 'ru-RU' } as const;

/**
 * Pieces of English UI text to look for: every English message, split at its placeholders,
 * keeping the pieces long enough to mean something ("Chat, {count} unread" gives "Chat, " and
 * " unread"). Messages the same in both languages (the app's name) are left out.
 */
const englishPieces = [
  ...new Set(
    Object.entries(en)
      .filter(([key]) => key !== 'appName' && key !== 'deviceFallback')
      .flatMap(([, text]) => text.split(/\{\w+\}/))
      .map((piece) => piece.trim())
      .filter((piece) => piece.length >= 4),
  ),
];

/**
 * Everything a person sees or hears on the page: its text (hidden text for screen readers
 * included), names, placeholders, the title. Device names in the pickers come from the browser
 * ("Fake Default Audio Input"), not from the app, so the options are left out.
 */
function pageWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('option, noscript, script')) el.remove();
    const parts = [document.title, body.textContent ?? ''];
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(attr);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/** Expects no English UI text on the page. */
async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const words = await pageWords(page);
  expect(
    englishPieces.filter((piece) => words.includes(piece)),
    `English text on ${where}`,
  ).toEqual([]);
}

test('a browser in Russian: the whole path in Russian, times in 24 hours', async ({
  server,
  people,
}) => {
  const anya = await people.add('Аня', { context: ru });
  const page = anya.page;
  await page.goto(server.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('button', { name: 'Начать новый звонок' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Ссылка или код комнаты' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
  await expectNoEnglish(page, 'the landing page');

  await page.getByRole('button', { name: 'Начать новый звонок' }).click();
  await expect(page.getByRole('heading', { name: 'Готовы войти?' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(page).toHaveTitle('Готовы войти? · Zvonok');
  await page.getByRole('textbox', { name: 'Ваше имя' }).fill('Аня');
  await expect(page.getByRole('button', { name: 'Микрофон', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Войти в звонок' })).toBeEnabled();
  await expectNoEnglish(page, 'the lobby');

  await page.getByRole('button', { name: 'Войти в звонок' }).click();
  const controls = page.getByRole('toolbar', { name: 'Управление звонком' });
  await expect(controls).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(page.getByRole('group', { name: 'Аня (вы)' })).toBeVisible();
  for (const name of ['Микрофон', 'Камера', 'Чат', 'Участники', 'Выйти из звонка']) {
    await expect(controls.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expectNoEnglish(page, 'the call');

  // A message from someone whose browser is in English: the words are Russian here, the time
  // is written the Russian way (24 hours, no AM/PM).
  const bob = await people.add('Bob');
  await bob.page.goto(page.url());
  await bob.page.getByRole('textbox', { name: 'Your name' }).fill('Bob');
  await bob.page.getByRole('button', { name: 'Join call' }).click();
  await expect(
    page.locator('[aria-live="polite"]').filter({ hasText: 'Bob присоединяется' }),
  ).toHaveCount(1, { timeout: UI_TIMEOUT_MS });
  const bobChat = bob.page.getByRole('button', { name: /^Chat\b/ });
  await bobChat.click();
  const bobBox = bob.page.getByRole('textbox', { name: 'Message' });
  await bobBox.fill('Привет!');
  await bobBox.press('Enter');
  await expect(controls.getByRole('button', { name: 'Чат, 1 непрочитанное' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await controls.getByRole('button', { name: /^Чат/ }).click();
  const chat = page.getByRole('region', { name: 'Чат' });
  const message = chat.getByRole('log').getByRole('article', { name: 'Bob' });
  await expect(message).toContainText('Привет!');
  await expect(message.locator('time')).toHaveText(/^\d{1,2}:\d{2}$/);
  await expect(chat.getByRole('textbox', { name: 'Сообщение' })).toBeVisible();
  await expectNoEnglish(page, 'the chat');

  await chat.getByRole('button', { name: 'Закрыть' }).click();
  await controls.getByRole('button', { name: 'Выйти из звонка' }).click();
  await expect(page.getByRole('heading', { name: 'Вы вышли из звонка' })).toBeVisible();
  await expectNoEnglish(page, 'the page after leaving');
});

test('the language picker switches at once and the choice is remembered', async ({
  server,
  people,
}) => {
  const { page } = await people.add('Anna', { context: ru });
  await page.goto(server.url);
  const picker = page.getByRole('combobox', { name: 'Язык' });
  await expect(picker).toHaveValue('ru');

  await picker.selectOption('en');
  await expect(page.getByRole('button', { name: 'Start a new call' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');

  // Remembered over the browser's Russian, on this page and the next.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Start a new call' })).toBeVisible();
  await page.getByRole('button', { name: 'Start a new call' }).click();
  await expect(page.getByRole('heading', { name: 'Ready to join?' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await page.getByRole('textbox', { name: 'Your name' }).fill('Anna');

  // And back, from the lobby's own picker.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(page.getByRole('heading', { name: 'Готовы войти?' })).toBeVisible();
  await expect(page).toHaveTitle('Готовы войти? · Zvonok');

  // In a call, from the settings panel: the call goes on, in the other language.
  await page.getByRole('button', { name: 'Войти в звонок' }).click();
  const controls = page.getByRole('toolbar', { name: 'Управление звонком' });
  await expect(controls).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await controls.getByRole('button', { name: 'Настройки' }).click();
  await page
    .getByRole('region', { name: 'Настройки' })
    .getByRole('combobox', { name: 'Язык' })
    .selectOption('en');
  await expect(page.getByRole('toolbar', { name: 'Call controls' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Anna (you)' })).toBeVisible();
});
