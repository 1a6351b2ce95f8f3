import type { Role } from '../../../src-shared/domain/model.js';
import { seedTenant } from '../../../src-relay/demo/seed.js';
import { createRelayCore } from '../../../src-relay/relay-core.js';
import { openRelayStorage } from '../../../src-relay/storage/open-relay-storage.js';

export const BENCH_TENANT = 'bench';
export const BENCH_PASSWORD = 'bench-password';

/**
 * One language per team: a web-chat customer lands in the team serving their language
 * (src-relay/routing/team-hours.ts, chooseTeamNow), so customers spread over the teams by language.
 */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'cs', 'ja', 'zh', 'ko', 'th', 'vi', 'tr', 'ru', 'ar', 'hi', 'id'];
/** One desk in ten is a supervisor, who sees every event of their team; the others are agents. */
const SUPERVISOR_EVERY = 10;

export interface DeskAccount {
  agentId: string;
  email: string;
  role: Role;
  teamIds: string[];
  /** Decodes every frame in full and times it (the others count and check seqs only). */
  sample: boolean;
}

export interface BenchCompany {
  desks: DeskAccount[];
  /** The language of each team, in team order: customer `i` speaks `languages[i % teams]`. */
  languages: string[];
}

/**
 * The plan of a company with `teams` teams and `desks` desks in all: desk i belongs to team
 * i % teams; within a team every tenth desk is a supervisor. One in `sampleEvery` of a team's
 * agents, and of its supervisors, is a sample desk (so each team has at least one of each).
 */
export function planCompany(teams: number, desks: number, sampleEvery: number): BenchCompany {
  if (teams > LANGUAGES.length) throw new Error(`at most ${LANGUAGES.length} teams (one language each)`);
  const languages = LANGUAGES.slice(0, teams);
  const perRole = new Map<string, number>();
  const accounts = Array.from({ length: desks }, (_, i): DeskAccount => {
    const language = languages[i % teams]!;
    const inTeam = Math.floor(i / teams);
    const role: Role = inTeam % SUPERVISOR_EVERY === SUPERVISOR_EVERY - 1 ? 'supervisor' : 'agent';
    const key = `${language}-${role}`;
    const roleIndex = perRole.get(key) ?? 0;
    perRole.set(key, roleIndex + 1);
    const agentId = `${role}-${language}-${roleIndex}`;
    return { agentId, email: `${agentId}@bench.test`, role, teamIds: [`team-${language}`], sample: roleIndex % sampleEvery === 0 };
  });
  return { desks: accounts, languages };
}

/** Writes the company into a new relay database at `location` (SQLite file or postgres:// URL of a fresh schema). */
export async function seedCompany(location: string, company: BenchCompany): Promise<void> {
  const store = await openRelayStorage(location);
  try {
    const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
    const agents = company.desks.map((desk, i) => ({
      id: desk.agentId,
      email: desk.email,
      name: desk.agentId,
      role: desk.role,
      language: company.languages[i % company.languages.length]!,
      teams: desk.teamIds,
    }));
    await seedTenant(
      core,
      {
        tenant: { id: BENCH_TENANT, name: 'Bench' },
        password: BENCH_PASSWORD,
        teams: company.languages.map((language) => ({ id: `team-${language}`, name: `Team ${language}`, languages: [language] })),
        agents,
        customers: [],
        conversations: [],
      },
      // A cheap hash: thousands of sign-ins are set-up, not what is measured.
      { logN: 4, r: 8, p: 1 },
    );
  } finally {
    await store.close();
  }
}
