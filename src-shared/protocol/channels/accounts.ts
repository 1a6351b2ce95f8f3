import { z } from 'zod';
import { Channel, Id, Timestamp } from '../../domain/model.js';

/** GET and POST /api/admin/channels: an administrator's messaging-app accounts. */
export const ADMIN_CHANNELS_PATH = '/api/admin/channels';

/** POST: connect an account. `credentials` are the provider's (docs/channels.md); the relay checks and seals them. */
export const NewChannelAccountRequest = z
  .object({
    provider: z.string().min(1).max(32),
    displayName: z.string().trim().min(1).max(100),
    teamId: Id,
    credentials: z.record(z.string(), z.unknown()),
  })
  .strict();
export type NewChannelAccountRequest = z.infer<typeof NewChannelAccountRequest>;

/** An account as an administrator sees it: never its credentials; its webhook path to paste into the provider's console. */
export const ChannelAccountView = z.object({
  id: Id,
  provider: Channel,
  displayName: z.string(),
  teamId: Id,
  webhookPath: z.string(),
  createdAt: Timestamp,
});
export type ChannelAccountView = z.infer<typeof ChannelAccountView>;
