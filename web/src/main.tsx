import { render } from 'preact';
import { App } from './app';
import { initLang } from './i18n';
import './styles.css';

initLang();
render(<App />, document.getElementById('app')!);
