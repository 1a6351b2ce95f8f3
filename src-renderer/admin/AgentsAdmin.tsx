import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type Team } from '../../src-shared/domain/model.js';
import { DEFAULT_CAPACITY, type Capacity } from '../../src-shared/domain/routing-score.js';
import type { AdminAgent } from '../../src-shared/protocol/admin.js';
import { useAdminStore } from './admin-store.js';
import { splitList } from './admin-forms.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

export function AgentsAdmin({ agents, teams }: { agents: AdminAgent[]; teams: Team[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
  return (
    <section className="admin-section" data-testid="admin-agents" aria-labelledby="admin-agents-title">
      <h3 id="admin-agents-title">{t('admin.agents.title')}</h3>
      <p className="admin-hint">{t('admin.agents.hint')}</p>
      <table className="supervisor-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.agents.role')}</th>
            <th scope="col">{t('admin.agents.teams')}</th>
            <th scope="col">{t('admin.languages')}</th>
            <th scope="col">{t('admin.agents.capacity')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => {
            const capacity = agent.routing?.capacity ?? DEFAULT_CAPACITY;
            return (
              <tr key={agent.id} data-testid="admin-agent" data-agent-id={agent.id}>
                <th scope="row" dir="auto">
                  {agent.name}
                  <div className="admin-muted">{agent.email}</div>
                </th>
                <td>{t(`roles.${agent.role}`)}</td>
                <td>{agent.teamIds.map(teamName).join(', ') || '–'}</td>
                <td data-testid="admin-agent-languages">{(agent.routing?.languages ?? [agent.language]).join(', ')}</td>
                <td data-testid="admin-agent-capacity">{t('admin.agents.capacityOf', capacity)}</td>
                <td>
                  <button type="button" className="button button--quiet" data-testid="edit-agent" onClick={() => setEditing(editing === agent.id ? null : agent.id)}>
                    {t('admin.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {agents
        .filter((agent) => agent.id === editing)
        .map((agent) => (
          <AgentEditor key={agent.id} agent={agent} teams={teams} />
        ))}
      <NewAgentForm teams={teams} />
    </section>
  );
}

function AgentEditor({ agent, teams }: { agent: AdminAgent; teams: Team[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [teamIds, setTeamIds] = useState(agent.teamIds);
  const [languages, setLanguages] = useState((agent.routing?.languages ?? [agent.language]).join(', '));
  const [skills, setSkills] = useState((agent.routing?.skills ?? []).join(', '));
  const [capacity, setCapacity] = useState<Capacity>(agent.routing?.capacity ?? DEFAULT_CAPACITY);
  const [translates, setTranslates] = useState(agent.routing?.translates ?? true);
  const { status, run } = useSave();
  const save = () =>
    run(() =>
      admin.getState().save('admin.saveAgent', {
        agentId: agent.id,
        teamIds,
        routing: { languages: splitList(languages), skills: splitList(skills), capacity, translates },
      }),
    );
  return (
    <fieldset className="admin-card" data-testid="admin-agent-editor" data-agent-id={agent.id}>
      <legend>{agent.name}</legend>
      <TeamChoice teams={teams} chosen={teamIds} onChange={setTeamIds} />
      <div className="admin-grid">
        <TextField label={t('admin.languages')} testId="agent-languages" placeholder="en, de" value={languages} onChange={setLanguages} />
        <TextField label={t('admin.agents.skills')} testId="agent-skills" placeholder="refund, delivery" value={skills} onChange={setSkills} />
        {(['chat', 'email', 'call'] as const).map((kind) => (
          <TextField
            key={kind}
            type="number"
            label={t(`admin.agents.max.${kind}`)}
            testId={`agent-capacity-${kind}`}
            value={String(capacity[kind])}
            onChange={(value) => setCapacity({ ...capacity, [kind]: Number(value) })}
          />
        ))}
      </div>
      <label className="admin-check">
        <input type="checkbox" data-testid="agent-translates" checked={translates} onChange={(e) => setTranslates(e.target.checked)} />
        {t('admin.agents.translates')}
      </label>
      <button type="button" className="button button--primary" data-testid="save-agent" onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}

function NewAgentForm({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const empty = { name: '', email: '', language: 'en', password: '' };
  const [fields, setFields] = useState(empty);
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const { status, run } = useSave();
  const set = (name: keyof typeof empty) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const create = async () => {
    if (await run(() => admin.getState().save('admin.createAgent', { ...fields, role, teamIds }))) {
      setFields(empty);
      setTeamIds([]);
    }
  };
  return (
    <fieldset className="admin-card admin-card--new" data-testid="admin-new-agent">
      <legend>{t('admin.agents.new')}</legend>
      <div className="admin-grid">
        <TextField label={t('admin.name')} testId="new-agent-name" value={fields.name} onChange={set('name')} />
        <TextField label={t('login.email')} testId="new-agent-email" type="email" value={fields.email} onChange={set('email')} />
        <TextField label={t('admin.agents.language')} testId="new-agent-language" value={fields.language} onChange={set('language')} />
        <label className="field admin-field">
          <span className="field-label">{t('admin.agents.role')}</span>
          <select className="input" data-testid="new-agent-role" value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? 'agent')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <TextField label={t('admin.agents.firstPassword')} testId="new-agent-password" type="password" value={fields.password} onChange={set('password')} />
      </div>
      <TeamChoice teams={teams} chosen={teamIds} onChange={setTeamIds} />
      <button type="button" className="button button--primary" data-testid="create-agent" onClick={() => void create()}>
        {t('admin.create')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}

function TeamChoice({ teams, chosen, onChange }: { teams: Team[]; chosen: readonly string[]; onChange: (teamIds: string[]) => void }) {
  const { t } = useTranslation();
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <div className="admin-row" role="group" aria-label={t('admin.agents.teams')}>
      {teams.map((team) => (
        <label key={team.id} className="admin-check">
          <input type="checkbox" data-testid={`team-choice-${team.id}`} checked={chosen.includes(team.id)} onChange={(e) => toggle(team.id, e.target.checked)} />
          {team.name}
        </label>
      ))}
    </div>
  );
}
