// Names and limits shared by the preload, main's relay, the backend and the browser test host.
export const IPC_INVOKE = 'paneldesk:invoke';
export const IPC_EVENT = 'paneldesk:event';
export const IPC_SHELL = 'paneldesk:shell';
/** Largest serialized input accepted for one call (bytes of JSON). */
export const MAX_PAYLOAD_BYTES = 1_000_000;
/** The scheme the renderer is served from in the app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'paneldesk';
/** Attachments are served at app://paneldesk/blob/<capability> (openAttachment grants it), never by hash. */
export const BLOB_PATH_PREFIX = '/blob/';
/** A capability's name: 43 base64url characters (32 random bytes); a 64-hex hash never matches. */
export const ATTACHMENT_CAPABILITY_RE = /^[A-Za-z0-9_-]{43}$/;
