/**
 * The published passphrase for trying the built-in demo session (README, user guide). The first-run screen
 * offers it only as a hint the secretary must choose; a real committee sets its own.
 */
export const DEMO_SECRETARY_PASSPHRASE = 'paneldesk-demo';
