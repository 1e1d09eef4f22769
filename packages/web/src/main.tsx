// The global stylesheet comes first so that component styles, bundled after it, win ties.
import './styles/global.css';
import { render } from 'preact';
import { App } from './App';
import { applyDebugLogging } from './debug/debugLogging';
import { locale } from './i18n/i18n';
import { registerServiceWorker } from './pwa/register';

// Before anything of the SDK is made: its objects take the logger when they are made.
applyDebugLogging(location.search);
document.documentElement.lang = locale.value;
const root = document.getElementById('app');
if (root) render(<App />, root);
// After the first render: the worker's install (caching the shell) must not delay the page.
addEventListener('load', registerServiceWorker, { once: true });
