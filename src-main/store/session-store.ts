import type Database from 'better-sqlite3';
import { z } from 'zod';
import { Agent, AwayReason, Colleague, SettablePresence, TeamName } from '../../src-shared/domain/model.js';

export interface StoredSignIn {
  token: string;
  expiresAt: number;
  agent: Agent;
}

interface SessionRow {
  client_id: string;
  cursor: number;
  token: string | null;
  token_expires_at: number | null;
  agent_json: string | null;
  presence: string;
  state: string | null;
  state_reason: string | null;
}

/** The one-row session table: installation id, sync cursor, token and the cache's owner. */
export class SessionStore {
  private readonly read: Database.Statement<[], SessionRow>;
  private readonly writeCursor: Database.Statement<[number]>;
  private readonly writeSignIn: Database.Statement<[string, number, string]>;
  private readonly eraseToken: Database.Statement<[]>;
  private readonly writePresence: Database.Statement<[string, string, string | null]>;
  private readonly forgetOwner: Database.Statement<[]>;
  private readonly readColleagues: Database.Statement<[], string>;
  private readonly readTeams: Database.Statement<[], string>;
  private readonly readDirectoryVersion: Database.Statement<[], string | null>;
  private readonly writeDirectory: Database.Statement<[string, string, string | null]>;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT client_id, cursor, token, token_expires_at, agent_json, presence, state, state_reason FROM session WHERE singleton = 1');
    this.writeCursor = db.prepare('UPDATE session SET cursor = ? WHERE singleton = 1');
    this.writeSignIn = db.prepare('UPDATE session SET token = ?, token_expires_at = ?, agent_json = ? WHERE singleton = 1');
    this.eraseToken = db.prepare('UPDATE session SET token = NULL, token_expires_at = NULL WHERE singleton = 1');
    this.writePresence = db.prepare('UPDATE session SET presence = ?, state = ?, state_reason = ? WHERE singleton = 1');
    this.forgetOwner = db.prepare("UPDATE session SET cursor = 0, agent_json = NULL, presence = 'available', state = NULL, state_reason = NULL, colleagues_json = '[]', teams_json = '[]', directory_version = NULL WHERE singleton = 1");
    this.readColleagues = db.prepare<[], string>('SELECT colleagues_json FROM session WHERE singleton = 1').pluck();
    this.readTeams = db.prepare<[], string>('SELECT teams_json FROM session WHERE singleton = 1').pluck();
    this.readDirectoryVersion = db.prepare<[], string | null>('SELECT directory_version FROM session WHERE singleton = 1').pluck();
    this.writeDirectory = db.prepare('UPDATE session SET colleagues_json = ?, teams_json = ?, directory_version = ? WHERE singleton = 1');
  }

  /** Generated once per installation by the first migration. */
  clientId(): string {
    return this.row().client_id;
  }

  /** The highest log seq applied to this cache. */
  cursor(): number {
    return this.row().cursor;
  }

  setCursor(cursor: number): void {
    this.writeCursor.run(cursor);
  }

  /** The current sign-in, or null when nobody is signed in. */
  signIn(): StoredSignIn | null {
    const row = this.row();
    if (row.token === null || row.token_expires_at === null || row.agent_json === null) return null;
    return { token: row.token, expiresAt: row.token_expires_at, agent: parseAgent(row.agent_json) };
  }

  /** Whose conversations the cache holds, signed in or not. */
  cachedAgent(): Agent | null {
    const json = this.row().agent_json;
    return json === null ? null : parseAgent(json);
  }

  saveSignIn(signIn: StoredSignIn): void {
    this.writeSignIn.run(signIn.token, signIn.expiresAt, JSON.stringify(signIn.agent));
  }

  clearToken(): void {
    this.eraseToken.run();
  }

  /** What the agent last chose. */
  presence(): SettablePresence {
    const row = this.row();
    return SettablePresence.parse(row.state ?? row.presence);
  }

  /** Why away, when the agent said. */
  presenceReason(): AwayReason | null {
    return AwayReason.nullable().catch(null).parse(this.row().state_reason);
  }

  setPresence(presence: SettablePresence, reason: AwayReason | null = null): void {
    this.writePresence.run(presence === 'available' ? 'available' : 'away', presence, presence === 'away' ? reason : null);
  }

  /** The tenant's directory as the relay last gave it. */
  colleagues(): Colleague[] {
    return z.array(Colleague).parse(JSON.parse(this.readColleagues.get() ?? '[]'));
  }

  /** The tenant's teams as the relay last gave them. */
  teams(): TeamName[] {
    return z.array(TeamName).parse(JSON.parse(this.readTeams.get() ?? '[]'));
  }

  /** The relay's name for the directory held here; null when it named none (or it predates versions). */
  directoryVersion(): string | null {
    return this.readDirectoryVersion.get() ?? null;
  }

  /** Colleagues, teams and their version are written together: a version never names another directory. */
  setDirectory(directory: { colleagues: readonly Colleague[]; teams: readonly TeamName[]; version: string | null }): void {
    this.writeDirectory.run(JSON.stringify(directory.colleagues), JSON.stringify(directory.teams), directory.version);
  }

  /** Before another agent's data moves in: cursor back to the start, no owner, default presence. */
  forgetCachedAgent(): void {
    this.forgetOwner.run();
  }

  private row(): SessionRow {
    const row = this.read.get();
    if (!row) throw new Error('The session row is missing from the cache.');
    return row;
  }
}

function parseAgent(json: string): Agent {
  return Agent.parse(JSON.parse(json));
}
