import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Accord server's http://127.0.0.1:<port>, or '' when there is none (`startAccord` starts its own). */
    accordUrl: string;
    /** The shared Chromium's websocket endpoint, or '' when there is none (`launchChromium` launches its own). */
    chromiumEndpoint: string;
  }
}

/** What `global-setup.ts` provides to the e2e files, or '' outside a vitest run that has it (a bench script). */
export function provided(key: 'accordUrl' | 'chromiumEndpoint'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}
