import type { CannedReplyChoice, LocalConversation, RegionalNote } from '../../src-shared/api/contract.js';
import type { Agent } from '../../src-shared/domain/model.js';
import type { Cache } from '../store/cache.js';
import { fillTemplate, firstName, loadCannedReplies, matchReplies, type CannedReply } from './canned-replies.js';
import { loadRegionalNotes, notesFor, type RegionalNotesFile } from './regional-notes.js';

export interface ServiceToolsFiles {
  /** resources/kb/regional-notes.json, or a company's own. */
  regionalNotesFile: string;
  /** resources/kb/canned-replies.json, or a company's own. */
  cannedRepliesFile: string;
}

/** At most this many canned replies are offered at once: a short list to pick from by keyboard. */
const REPLY_CHOICES = 8;

/** Regional service notes and canned replies, read once from their files at start. */
export class ServiceTools {
  private readonly notes: RegionalNotesFile;
  private readonly replies: CannedReply[];

  constructor(
    files: ServiceToolsFiles,
    private readonly cache: Cache,
  ) {
    this.notes = loadRegionalNotes(files.regionalNotesFile);
    this.replies = loadCannedReplies(files.cannedRepliesFile);
  }

  regionalNotes(conversation: LocalConversation): RegionalNote[] {
    const dismissed = this.cache.insights.dismissedNotes(conversation.id);
    return notesFor(this.notes, conversation.market, conversation.insight?.intent ?? null)
      .filter((note) => !dismissed.has(note.id))
      .map(({ id, title, body }) => ({ id, title, body }));
  }

  dismiss(conversation: LocalConversation, noteId: string): RegionalNote[] {
    this.cache.insights.dismissNote(conversation.id, noteId, Date.now());
    return this.regionalNotes(conversation);
  }

  cannedReplies(conversation: LocalConversation, agent: Agent, query: string): CannedReplyChoice[] {
    const values = {
      'customer.name': conversation.customerName,
      'customer.firstName': firstName(conversation.customerName),
      'agent.name': agent.name,
      'agent.firstName': firstName(agent.name),
      'conversation.id': conversation.id,
      'conversation.market': conversation.market,
    };
    return matchReplies(this.replies, query, agent.language)
      .slice(0, REPLY_CHOICES)
      .map((reply) => ({ id: reply.id, shortcut: reply.shortcut, locale: reply.locale, title: reply.title, body: fillTemplate(reply.body, values) }));
  }
}
