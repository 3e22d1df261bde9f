/**
 * The page's entry: start the mocks (in your app, only in development and tests), then the app.
 */
import { mountApp } from './app.js';
import { startMocks } from './mocks.js';

await startMocks();
document.body.dataset.mocks = 'on';
mountApp(document);
document.body.dataset.ready = 'true';
