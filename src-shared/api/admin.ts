import { z } from 'zod';
import { Id, Team } from '../domain/model.js';
import { AdminAgent, AdminSettings, AgentRoutingUpdate, NewAgentRequest, NewTeamRequest, RetentionUpdate, RoutingSettingsUpdate, SlaPoliciesUpdate, TeamScheduleUpdate } from '../protocol/admin.js';
import { AuditFilters, AuditPage } from '../protocol/audit.js';
import { BlockSenderRequest, UnblockSenderRequest } from '../protocol/blocked-senders.js';
import { Empty } from './method-shapes.js';
import { MaskingPolicy } from '../privacy/masking-policy.js';
import { ModelSetUpdate } from '../protocol/model-set.js';

export const adminMethods = {
  /** Administrators: the company's teams, agents, SLA policies and offer setting, from the relay; online only. */
  'admin.settings': { input: Empty, output: AdminSettings },
  /** Administrators: a team's hours, holiday markets and overflow team; the next routing decision uses them. */
  'admin.saveTeamHours': { input: TeamScheduleUpdate.extend({ teamId: Id }).strict(), output: Empty },
  'admin.createTeam': { input: NewTeamRequest, output: z.object({ team: Team }) },
  'admin.createAgent': { input: NewAgentRequest, output: z.object({ agent: AdminAgent }) },
  /** Administrators: an agent's teams and routing (languages, skills, capacity, translation), saved together. */
  'admin.saveAgent': { input: z.object({ agentId: Id, teamIds: z.array(Id).max(20), routing: AgentRoutingUpdate }).strict(), output: Empty },
  'admin.saveSlaPolicies': { input: SlaPoliciesUpdate, output: Empty },
  'admin.saveRoutingSettings': { input: RoutingSettingsUpdate, output: Empty },
  /** Administrators: which kinds of personal data each role's desks receive masked. */
  'admin.saveMaskingPolicy': { input: MaskingPolicy, output: Empty },
  /** Administrators: how long closed conversations are kept (deleted or anonymised after), per market; the relay applies it hourly. */
  'admin.saveRetention': { input: RetentionUpdate, output: Empty },
  /** Administrators: the models every desk of the company fetches at sign-in, in order; null lets each desk choose. */
  'admin.saveModelSet': { input: ModelSetUpdate, output: Empty },
  /** Administrators: refuse email from an address, or from a domain and its subdomains. */
  'admin.blockSender': { input: BlockSenderRequest, output: Empty },
  'admin.unblockSender': { input: UnblockSenderRequest, output: Empty },
  /** Administrators: the company's audit log, newest first, filtered, one page at a time; online only. */
  'admin.audit': { input: AuditFilters, output: AuditPage },
  /** Administrators: the filtered audit log as CSV, to save as a file (the relay audits the export). */
  'admin.auditCsv': { input: AuditFilters.omit({ before: true, limit: true }), output: z.object({ filename: z.string(), csv: z.string() }) },
} as const;
