/** Product version reported by /api/health; keep in step with package.json. */
export const APP_VERSION = '0.1.0';
