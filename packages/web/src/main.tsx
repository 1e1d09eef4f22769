// The global stylesheet comes first so that component styles, bundled after it, win ties.
import './styles/global.css';
import { render } from 'preact';
import { App } from './App';
import { locale } from './i18n/i18n';
import { registerServiceWorker } from './pwa/register';

document.documentElement.lang = locale.value;
const root = document.getElementById('app');
if (root) render(<App />, root);
// After the first render: the worker's install (caching the shell) must not delay the page.
addEventListener('load', registerServiceWorker, { once: true });
