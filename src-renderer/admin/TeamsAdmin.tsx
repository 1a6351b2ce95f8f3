import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAY_NAMES, type Team } from '../../src-shared/domain/model.js';
import { languageName } from '../format/language.js';
import { useAdminStore } from './admin-store.js';
import { hoursForm, scheduleFromForm, splitList, type HoursForm } from './admin-forms.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

const ZONES_LIST_ID = 'admin-time-zones';

export function TeamsAdmin({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <section className="admin-section" data-testid="admin-teams" aria-labelledby="admin-teams-title">
      <h3 id="admin-teams-title">{t('admin.teams.title')}</h3>
      <p className="admin-hint">{t('admin.teams.hint')}</p>
      <datalist id={ZONES_LIST_ID}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {teams.map((team) => (
        <TeamCard key={team.id} team={team} teams={teams} />
      ))}
      <NewTeamForm />
    </section>
  );
}

function TeamCard({ team, teams }: { team: Team; teams: Team[] }) {
  const { t, i18n } = useTranslation();
  const admin = useAdminStore();
  const [form, setForm] = useState<HoursForm>(() => hoursForm(team.schedule, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
  const [overflow, setOverflow] = useState(team.overflowTeamId ?? '');
  const { status, run } = useSave();
  const update = (change: Partial<HoursForm>) => setForm((current) => ({ ...current, ...change }));
  const save = () =>
    run(async () => {
      const read = scheduleFromForm(form);
      if ('error' in read) return read.error;
      return admin.getState().save('admin.saveTeamHours', { teamId: team.id, schedule: read.schedule, overflowTeamId: overflow || null });
    });
  return (
    <fieldset className="admin-card" data-testid="admin-team" data-team-id={team.id}>
      <legend>
        {team.name} <span className="admin-muted">({new Intl.ListFormat(i18n.language, { type: 'conjunction', style: 'narrow' }).format(team.languages.map((l) => languageName(l, i18n.language)))})</span>
      </legend>
      <label className="admin-check">
        <input type="checkbox" data-testid="team-always-open" checked={form.alwaysOpen} onChange={(e) => update({ alwaysOpen: e.target.checked })} />
        {t('admin.teams.alwaysOpen')}
      </label>
      {!form.alwaysOpen && (
        <div className="admin-grid">
          <TextField label={t('admin.teams.timeZone')} testId="team-time-zone" list={ZONES_LIST_ID} value={form.timeZone} onChange={(timeZone) => update({ timeZone })} />
          <TextField label={t('admin.teams.holidayMarkets')} testId="team-holidays" placeholder="DE, AT" value={form.holidayMarkets} onChange={(holidayMarkets) => update({ holidayMarkets })} />
          {WEEKDAY_NAMES.map((day) => (
            <TextField key={day} label={t(`admin.weekday.${day}`)} testId={`team-hours-${day}`} placeholder="09:00-17:00" value={form.hours[day]} onChange={(text) => update({ hours: { ...form.hours, [day]: text } })} />
          ))}
        </div>
      )}
      <label className="field admin-field">
        <span className="field-label">{t('admin.teams.overflow')}</span>
        <select className="input" data-testid="team-overflow" value={overflow} onChange={(e) => setOverflow(e.target.value)}>
          <option value="">{t('admin.teams.noOverflow')}</option>
          {teams
            .filter((other) => other.id !== team.id)
            .map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
        </select>
      </label>
      <button type="button" className="button button--primary" data-testid="save-team" onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}

function NewTeamForm() {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [name, setName] = useState('');
  const [languages, setLanguages] = useState('');
  const { status, run } = useSave();
  const create = async () => {
    const created = await run(() => admin.getState().save('admin.createTeam', { name, languages: splitList(languages) }));
    if (created) {
      setName('');
      setLanguages('');
    }
  };
  return (
    <fieldset className="admin-card admin-card--new" data-testid="admin-new-team">
      <legend>{t('admin.teams.new')}</legend>
      <div className="admin-grid">
        <TextField label={t('admin.name')} testId="new-team-name" value={name} onChange={setName} />
        <TextField label={t('admin.languages')} testId="new-team-languages" placeholder="de, en" value={languages} onChange={setLanguages} />
      </div>
      <button type="button" className="button button--primary" data-testid="create-team" onClick={() => void create()}>
        {t('admin.create')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}
