import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAY_NAMES, type Team } from '../../src-shared/domain/model.js';
import { NewTeamRequest } from '../../src-shared/protocol/admin.js';
import { languageName } from '../format/language.js';
import { useAdminStore } from './admin-store.js';
import { hoursForm, scheduleFromForm, type HoursForm } from './admin-forms.js';
import { checkFields, type FieldErrors } from './field-errors.js';
import { LanguagePicker, MarketPicker } from './pickers.js';
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, run } = useSave();
  const update = (change: Partial<HoursForm>) => setForm((current) => ({ ...current, ...change }));
  const save = () =>
    run(async () => {
      const read = scheduleFromForm(form, t);
      setErrors('errors' in read ? read.errors : {});
      if ('errors' in read) return t('admin.fieldError.summary');
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
        <>
          <div className="admin-grid">
            <TextField label={t('admin.teams.timeZone')} testId="team-time-zone" list={ZONES_LIST_ID} value={form.timeZone} error={errors.timeZone} onChange={(timeZone) => update({ timeZone })} />
            {WEEKDAY_NAMES.map((day) => (
              <TextField key={day} label={t(`admin.weekday.${day}`)} testId={`team-hours-${day}`} placeholder="09:00-17:00" value={form.hours[day]} error={errors[`hours.${day}`]} onChange={(text) => update({ hours: { ...form.hours, [day]: text } })} />
            ))}
          </div>
          <MarketPicker subdivisions label={t('admin.teams.holidaysOf')} testId="team-holidays" chosen={form.holidayMarkets} error={errors.holidayMarkets} onChange={(holidayMarkets) => update({ holidayMarkets })} />
        </>
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
  const [languages, setLanguages] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, run } = useSave();
  const create = async () => {
    const created = await run(async () => {
      const checked = checkFields(NewTeamRequest, { name, languages }, t);
      setErrors(checked.ok ? {} : checked.errors);
      return checked.ok ? admin.getState().save('admin.createTeam', checked.value) : t('admin.fieldError.summary');
    });
    if (created) {
      setName('');
      setLanguages([]);
    }
  };
  return (
    <fieldset className="admin-card admin-card--new" data-testid="admin-new-team">
      <legend>{t('admin.teams.new')}</legend>
      <div className="admin-grid admin-grid--wide">
        <TextField label={t('admin.name')} testId="new-team-name" value={name} error={errors.name} onChange={setName} />
        <LanguagePicker label={t('admin.languages')} testId="new-team-languages" chosen={languages} error={errors.languages} onChange={setLanguages} />
      </div>
      <button type="button" className="button button--primary" data-testid="create-team" onClick={() => void create()}>
        {t('admin.create')}
      </button>
      <SaveStatus status={status} />
    </fieldset>
  );
}
