import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminMethods } from '../../src-shared/api/admin.js';
import { ROLES, type Role, type Team } from '../../src-shared/domain/model.js';
import { DEFAULT_CAPACITY, type Capacity } from '../../src-shared/domain/routing-score.js';
import { NewAgentRequest, type AdminAgent } from '../../src-shared/protocol/admin.js';
import { languageName } from '../format/language.js';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';
import { useAdminStore } from './admin-store.js';
import { checkFields, type FieldErrors } from './field-errors.js';
import { FieldError } from './FieldError.js';
import { LanguagePicker, SkillPicker } from './pickers.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

export function AgentsAdmin({ agents, teams }: { agents: AdminAgent[]; teams: Team[] }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const knownSkills = useMemo(() => agents.flatMap((agent) => agent.routing?.skills ?? []), [agents]);
  const languageList = (tags: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'unit', style: 'short' }).format(tags.map((tag) => languageName(tag, i18n.language)));
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
                <td data-testid="admin-agent-languages">{languageList(agent.routing?.languages ?? [agent.language])}</td>
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
          <AgentEditor key={agent.id} agent={agent} teams={teams} knownSkills={knownSkills} />
        ))}
      <NewAgentForm teams={teams} />
    </section>
  );
}

function AgentEditor({ agent, teams, knownSkills }: { agent: AdminAgent; teams: Team[]; knownSkills: readonly string[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [teamIds, setTeamIds] = useState(agent.teamIds);
  const [languages, setLanguages] = useState(agent.routing?.languages ?? [agent.language]);
  const [skills, setSkills] = useState(agent.routing?.skills ?? []);
  const [capacity, setCapacity] = useState<Record<keyof Capacity, string>>(() => capacityText(agent.routing?.capacity ?? DEFAULT_CAPACITY));
  const [translates, setTranslates] = useState(agent.routing?.translates ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, run } = useSave();
  const save = () =>
    run(async () => {
      const routing = { languages, skills, capacity: { chat: Number(capacity.chat), email: Number(capacity.email), call: Number(capacity.call) }, translates };
      const checked = checkFields(adminMethods['admin.saveAgent'].input, { agentId: agent.id, teamIds, routing }, t);
      setErrors(checked.ok ? {} : checked.errors);
      return checked.ok ? admin.getState().save('admin.saveAgent', checked.value) : t('admin.fieldError.summary');
    });
  return (
    <fieldset className="admin-card" data-testid="admin-agent-editor" data-agent-id={agent.id}>
      <legend>{agent.name}</legend>
      <TeamChoice teams={teams} chosen={teamIds} onChange={setTeamIds} error={errors.teamIds} />
      <div className="admin-grid admin-grid--wide">
        <LanguagePicker label={t('admin.languages')} testId="agent-languages" chosen={languages} error={errors['routing.languages']} onChange={setLanguages} />
        <SkillPicker label={t('admin.agents.skills')} testId="agent-skills" known={knownSkills} chosen={skills} error={errors['routing.skills']} onChange={setSkills} />
      </div>
      <div className="admin-grid">
        {(['chat', 'email', 'call'] as const).map((kind) => (
          <TextField
            key={kind}
            type="number"
            label={t(`admin.agents.max.${kind}`)}
            testId={`agent-capacity-${kind}`}
            value={capacity[kind]}
            error={errors[`routing.capacity.${kind}`]}
            onChange={(value) => setCapacity({ ...capacity, [kind]: value })}
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

function capacityText(capacity: Capacity): Record<keyof Capacity, string> {
  return { chat: String(capacity.chat), email: String(capacity.email), call: String(capacity.call) };
}

function NewAgentForm({ teams }: { teams: Team[] }) {
  const { t, i18n } = useTranslation();
  const admin = useAdminStore();
  const empty = { name: '', email: '', language: 'en', password: '' };
  const [fields, setFields] = useState(empty);
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, run } = useSave();
  const set = (name: keyof typeof empty) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const create = async () => {
    const created = await run(async () => {
      const checked = checkFields(NewAgentRequest, { ...fields, role, teamIds }, t);
      setErrors(checked.ok ? {} : checked.errors);
      return checked.ok ? admin.getState().save('admin.createAgent', checked.value) : t('admin.fieldError.summary');
    });
    if (created) {
      setFields(empty);
      setTeamIds([]);
    }
  };
  return (
    <fieldset className="admin-card admin-card--new" data-testid="admin-new-agent">
      <legend>{t('admin.agents.new')}</legend>
      <div className="admin-grid">
        <TextField label={t('admin.name')} testId="new-agent-name" value={fields.name} error={errors.name} onChange={set('name')} />
        <TextField label={t('login.email')} testId="new-agent-email" type="email" value={fields.email} error={errors.email} onChange={set('email')} />
        <label className="field admin-field">
          <span className="field-label">{t('admin.agents.language')}</span>
          <select className="input" data-testid="new-agent-language" value={fields.language} onChange={(e) => set('language')(e.target.value)}>
            {SUPPORTED_LANGUAGES.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, i18n.language)}
              </option>
            ))}
          </select>
        </label>
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
        <TextField label={t('admin.agents.firstPassword')} testId="new-agent-password" type="password" value={fields.password} error={errors.password} onChange={set('password')} />
      </div>
      <TeamChoice teams={teams} chosen={teamIds} onChange={setTeamIds} error={errors.teamIds} />
      <button type="button" className="button button--primary" data-testid="create-agent" onClick={() => void create()}>
        {t('admin.create')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}

function TeamChoice({ teams, chosen, onChange, error }: { teams: Team[]; chosen: readonly string[]; onChange: (teamIds: string[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const errorId = useId();
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <div className="admin-row" role="group" aria-label={t('admin.agents.teams')} aria-describedby={error ? errorId : undefined}>
      {teams.map((team) => (
        <label key={team.id} className="admin-check">
          <input type="checkbox" data-testid={`team-choice-${team.id}`} checked={chosen.includes(team.id)} onChange={(e) => toggle(team.id, e.target.checked)} />
          {team.name}
        </label>
      ))}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
