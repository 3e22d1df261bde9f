/** The inspector page's entry: bundled by scripts/build-inspector.ts into the mock. */
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
