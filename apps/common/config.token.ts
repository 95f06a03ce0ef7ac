/** The one DI token for the validated `Config` (libs/config), shared by the API and the worker modules. */
export const CONFIG = Symbol('mignet.config');
