import { describe, expect, it } from 'vitest';
import { ApiEvents } from '../core/api-events.js';
import { joinEvents } from './joined-events.js';

describe('joinEvents', () => {
  it('hears each source, and stops hearing all of them at once', () => {
    const core = new ApiEvents(() => {});
    const shell = new ApiEvents(() => {});
    const heard: string[] = [];
    const stop = joinEvents(core, shell).on('desktop.openConversation', ({ conversationId }) => heard.push(conversationId));
    core.emit('desktop.openConversation', { conversationId: 'from-core' });
    shell.emit('desktop.openConversation', { conversationId: 'from-shell' });
    stop();
    shell.emit('desktop.openConversation', { conversationId: 'after-stop' });
    expect(heard).toEqual(['from-core', 'from-shell']);
  });
});
