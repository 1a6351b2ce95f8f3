import { z } from 'zod';
import { Id } from '../domain/model.js';
import { SUPPORTED_LANGUAGES } from '../i18n/languages.js';
import { Empty } from './method-shapes.js';

/**
 * What the desktop shell and the renderer say to each other. The web host answers the methods
 * itself (there is no update to install, and no shell to tell about calls).
 */
export const desktopMethods = {
  /** The softphone has a call in progress (ringing, connecting or connected), or no longer: updates wait for its end. */
  'desktop.callState': { input: z.object({ inCall: z.boolean() }).strict(), output: Empty },
  /** The agent chose "Restart now" on the update notice (held until a call in progress ends). */
  'desktop.restartToUpdate': { input: Empty, output: Empty },
  /** The agent chose "Later": the update installs when the app quits. */
  'desktop.postponeUpdate': { input: Empty, output: Empty },
  /** The interface language the desk shows, on start and on every switch: the tray, menus and notifications follow it. */
  'desktop.interfaceLanguage': { input: z.object({ language: z.enum(SUPPORTED_LANGUAGES) }).strict(), output: Empty },
} as const;

export const desktopEvents = {
  /** Open this conversation (a gsw:// link, or a click on a notification). */
  'desktop.openConversation': z.object({ conversationId: Id }),
  /** Answer the ringing call (its notification's Accept). */
  'desktop.answerCall': Empty,
  /** An update is downloaded and no call is in progress: offer a restart; null once there is nothing to offer. */
  'desktop.updateReady': z.object({ version: z.string().max(64).nullable() }),
} as const;
