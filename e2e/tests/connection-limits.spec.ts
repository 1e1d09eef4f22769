/**
 * The server's connection limits as a person meets them: too many connections from one network
 * (close code 4029) and a server that is full (1013) end the join with a message that says what
 * happened and what to do, in English and in Russian, never a silent "cannot connect".
 */
import WebSocket from 'ws';
import { en } from '../../packages/web/src/i18n/en.js';
import { test, expect } from '../support/fixtures.js';
import { roomUrl, UI_TIMEOUT_MS } from '../support/app.js';
import type { ServerHandle } from '../support/server.js';

/** Opens `count` signaling connections from this machine (the same address as the browser). */
async function holdConnections(server: ServerHandle, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(server.wsUrl, ['zvonok.v1']);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    sockets.push(ws);
  }
  return sockets;
}

const cases = [
  {
    what: 'too many connections from one network (4029)',
    env: { MAX_CONNECTIONS_PER_ADDRESS: '2' },
    held: 2,
    title: 'errTooManyConnectionsTitle',
    body: 'errTooManyConnectionsBody',
  },
  {
    what: 'a full server (1013)',
    env: { MAX_CONNECTIONS: '1' },
    held: 1,
    title: 'errServerBusyTitle',
    body: 'errServerBusyBody',
  },
] as const;

/** What the Russian app says (ru.ts), written out: the words a Russian speaker reads. */
const ru = {
  yourName: 'Ваше имя',
  joinCall: 'Войти в звонок',
  tryAgain: 'Попробовать снова',
  callControls: 'Управление звонком',
  errTooManyConnectionsTitle: 'Слишком много вкладок Zvonok в вашей сети',
  errTooManyConnectionsBody:
    'Сервер принимает ограниченное число подключений из одной сети. Закройте ненужные вкладки Zvonok или подождите минуту и попробуйте снова.',
  errServerBusyTitle: 'Сервер сейчас переполнен',
  errServerBusyBody: 'Он ведёт столько звонков, сколько может. Попробуйте через несколько минут.',
} as const;

const languages = [
  { language: 'English', locale: 'en-US', texts: en },
  { language: 'Russian', locale: 'ru-RU', texts: ru },
] as const;

for (const c of cases) {
  for (const { language, locale, texts } of languages) {
    test(`${c.what}: the join says what happened and what to do, in ${language}`, async ({
      startServer,
      people,
      room,
    }) => {
      const server = await startServer({ env: c.env });
      const sockets = await holdConnections(server, c.held);
      try {
        const person = await people.add('Ann', { context: { locale } });
        const { page } = person;
        await page.goto(roomUrl(server.url, room));
        await page
          .getByRole('textbox', { name: texts.yourName })
          .fill('Ann', { timeout: UI_TIMEOUT_MS });
        await page.getByRole('button', { name: texts.joinCall }).click();
        const alert = page.getByRole('alert').filter({ hasText: texts[c.title] });
        await expect(alert).toBeVisible({ timeout: UI_TIMEOUT_MS });
        await expect(alert).toContainText(texts[c.body]);
        await expect(alert.getByRole('button', { name: texts.tryAgain })).toBeVisible();
        // Still in the lobby, able to try again once a connection is free.
        for (const ws of sockets.splice(0)) ws.close();
        await alert.getByRole('button', { name: texts.tryAgain }).click();
        await expect(page.getByRole('toolbar', { name: texts.callControls })).toBeVisible({
          timeout: UI_TIMEOUT_MS,
        });
      } finally {
        for (const ws of sockets) ws.close();
      }
    });
  }
}
