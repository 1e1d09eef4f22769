import { render } from 'preact';
import { App } from './App';
import { locale } from './i18n/i18n';
import './styles/global.css';

document.documentElement.lang = locale.value;
const root = document.getElementById('app');
if (root) render(<App />, root);
