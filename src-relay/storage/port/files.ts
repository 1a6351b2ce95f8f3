/** A tenant's record of a stored file (the bytes are in the file store, src-relay/files). */
export interface FileRecord {
  /** SHA-256 of the bytes, lower-case hex: the same for every tenant that holds them. */
  id: string;
  mediaType: string;
  size: number;
  /** The name it had when the tenant first got it. */
  name: string;
  createdAt: number;
}

/**
 * Which tenant holds which file, and in which conversations it was shared. Files are
 * content-addressed and their bytes kept once, so this record is what keeps tenants apart: a
 * desk reads a file only through its tenant's record, whatever it knows of the hash.
 */
export interface FilesRepository {
  /** A file the tenant holds already keeps its first record. */
  record(tenantId: string, file: FileRecord): Promise<void>;
  /** Null unless this tenant holds the file. */
  find(tenantId: string, fileId: string): Promise<FileRecord | null>;
  /**
   * The file was shared in the conversation (sent by its customer, or attached to a reply), so
   * its customer may read it. False, linking nothing, when the tenant holds no such file.
   */
  linkToConversation(tenantId: string, conversationId: string, fileId: string): Promise<boolean>;
  isInConversation(tenantId: string, conversationId: string, fileId: string): Promise<boolean>;
  /**
   * For a customer's erasure: forgets the conversations' links, and the tenant's record of each
   * file no other conversation of the tenant shares. Answers the ids of those files that no
   * tenant holds any more: their bytes may be deleted from the file store.
   */
  eraseConversations(tenantId: string, conversationIds: readonly string[]): Promise<string[]>;
  /**
   * Forgets the tenant's record of a file shared in none of its conversations (a customer's file
   * fetched while their conversation was being erased); true when no tenant holds it any more.
   */
  forgetUnshared(tenantId: string, fileId: string): Promise<boolean>;
}
