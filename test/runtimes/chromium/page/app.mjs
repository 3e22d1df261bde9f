// The page's script: the SDK (ESM build, bundled for the browser) talks to the runra-mock CLI
// whose URL is in `?api=`, on another origin, so every call is a real CORS request.
import * as runra from 'runra';
import { runAndReport } from '../../shared/report.mjs';
import { runScenario } from '../../shared/scenario.mjs';

const baseURL = new URL(window.location.href).searchParams.get('api') ?? '';

/** @type {Promise<unknown>} read by the driver with page.evaluate */
window.runraSmoke = runAndReport('chromium', async () => {
  if (new URL(baseURL).origin === window.location.origin) throw new Error('the mock must be cross-origin');
  return runScenario(runra, { baseURL });
}).catch((error) => ({ ok: false, error: String(error?.stack ?? error) }));
