/**
 * Issue 13, the lobby: up front only the preview with its microphone and camera toggles, the
 * name (focused on arrival) and "Join call"; devices, the microphone check, the room password,
 * relay only and the connection check under "More options". A room that asks for a password
 * opens them and puts the cursor in the password field. In Russian too.
 */
import { test, expect } from '../support/fixtures.js';
import {
  UI_TIMEOUT_MS,
  expectInCall,
  joinButton,
  openLobby,
  openLobbyOptions,
  roomUrl,
} from '../support/app.js';

const FOLDED = [
  ['combobox', 'Choose camera'],
  ['combobox', 'Choose microphone'],
  ['textbox', 'Room password'],
  ['checkbox', 'Hide my IP address (relay only)'],
  ['button', 'Check connection'],
] as const;

test('lobby: name, toggles and Join up front, the name focused; the rest under "More options"', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.goto(roomUrl(server.url, room));
  const name = ann.page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused({ timeout: UI_TIMEOUT_MS });
  for (const control of [
    name,
    ann.page.getByRole('button', { name: 'Microphone', exact: true }),
    ann.page.getByRole('button', { name: 'Camera', exact: true }),
    joinButton(ann.page),
  ]) {
    await expect(control).toBeVisible();
  }
  for (const [role, label] of FOLDED) {
    await expect(ann.page.getByRole(role, { name: label })).toBeHidden();
  }
  // Typing the name right away works, and Enter joins.
  await ann.page.keyboard.type('Ann');
  await openLobbyOptions(ann.page);
  for (const [role, label] of FOLDED) {
    await expect(ann.page.getByRole(role, { name: label })).toBeVisible();
  }
  await name.press('Enter');
  await expectInCall(ann);
});

test('lobby: a room that asks for a password opens "More options" at the password field, in Russian too', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await openLobby(ann, server.url, room);
  await openLobbyOptions(ann.page);
  await ann.page.getByRole('textbox', { name: 'Room password' }).fill('secret');
  await joinButton(ann.page).click();
  await expectInCall(ann);

  const bob = await people.add('Bob');
  await openLobby(bob, server.url, room);
  await expect(bob.page.locator('details.lobby__more')).not.toHaveAttribute('open');
  await joinButton(bob.page).click();
  const password = bob.page.getByRole('textbox', { name: 'Room password' });
  await expect(password).toBeFocused({ timeout: UI_TIMEOUT_MS });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill('secret');
  await joinButton(bob.page).click();
  await expectInCall(bob);

  const vera = await people.add('Вера', { context: { locale: 'ru-RU' } });
  await vera.page.goto(roomUrl(server.url, room));
  await vera.page.getByRole('textbox', { name: 'Ваше имя' }).fill(vera.name);
  await expect(vera.page.locator('summary', { hasText: 'Другие настройки' })).toBeVisible();
  await vera.page.getByRole('button', { name: 'Войти в звонок' }).click();
  await expect(vera.page.getByRole('textbox', { name: 'Пароль комнаты' })).toBeFocused({
    timeout: UI_TIMEOUT_MS,
  });
});
