// One subject's annual quality review (a member or an organization, one year): the rubric with the
// self-assessment and the verification side by side, the committee's decision screen (the system's
// proposal with its reasons, the excellent-level cap of the group), the amendment, and the steps.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError, api, type MemberDetail, type Org, type Review, type ReviewCap, type ReviewSubjectKind,
  type Rubric, type RubricCriterion,
} from '../api';
import { ConfirmDialog, DateField, ErrorBox, Field, Link, Loading, SelectField, TextField, errorText, useAsync } from '../components/ui';
import { formatDate, formatNumber, sentence, todayIso } from '../format';
import { getLang, label, t } from '../i18n';
import { navigate } from '../router';
import {
  GRADES, LEVELS, allowedSteps, enumText, capView, checkDecision, checkScoredStep, codeId, defaultEditing, defaultReviewYear,
  factsFor, formatPoints, formatPointsDelta, formatTimestamp, latestStep, levelClass, levelLabel, levelText, parsePoints, parseYear,
  problemText, rubricCriteria, rulesetOf, scoreBand, scoreTotals, stepValues, subjectsFor,
  type Problems,
} from '../review';
import { canEdit, useUser } from '../session';
import type { Values } from '../validate';

type Kind = ReviewSubjectKind;
type Column = 'self' | 'verify';

/** The review of a subject for a year, or null when none was started yet (404 with field "review"). */
function loadReview(kind: Kind, id: number, year: number): Promise<Review | null> {
  return api.review(kind, id, year).catch((e) => {
    if (e instanceof ApiError && e.status === 404 && e.field === 'review') return null;
    throw e;
  });
}

/**
 * A level with its colour. The server's label is kept when it differs from the standard Vietnamese
 * one (the legacy levels of years up to 2017); otherwise the dictionary names it in the UI's language.
 */
export function LevelBadge({ level, text }: { level: string | null | undefined; text?: string }) {
  return <span class={levelClass(level)} data-level={level ?? ''}>{levelText(level, text)}</span>;
}

/** A rubric that cannot be had (no rule set for the year, no imported rubric): the server says why. */
function RubricError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.field === 'rubric' || error.field === 'year') && error.message) {
    return <p class="notice notice-warn" role="alert" data-testid="rubric-error">{sentence(error.message)}</p>;
  }
  return <ErrorBox error={error} onRetry={onRetry} />;
}

/** Focuses the first invalid control (or the form's general error) after the errors render. */
function focusFirstError(form: HTMLElement | null) {
  setTimeout(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (el ?? form?.querySelector<HTMLElement>('.notice-error'))?.focus();
  }, 0);
}

function YearForm({ kind, id, year }: { kind: Kind; id: number; year: number }) {
  const [text, setText] = useState(String(year));
  const [err, setErr] = useState('');
  const go = (e: Event) => {
    e.preventDefault();
    const y = parseYear(text);
    if (y === null) { setErr(t('err.year')); return; }
    setErr('');
    navigate(`/reviews/${kind}/${id}?year=${y}`);
  };
  return (
    <form class="filters card no-print" onSubmit={go} noValidate data-testid="review-year">
      <div class="field-small">
        <TextField id="review-year" label={t('review.year')} value={text} onInput={setText} error={err} inputMode="numeric" autoComplete="off" />
      </div>
      <div class="field field-button"><button type="submit">{t('review.showYear')}</button></div>
    </form>
  );
}

export function ReviewPage({ kind, id, query }: { kind: Kind; id: number; query: URLSearchParams }) {
  const year = parseYear(query.get('year') ?? '') ?? defaultReviewYear();
  const subj = useAsync<MemberDetail | Org>(() => (kind === 'members' ? api.member(id) : api.org(id)), [kind, id]);
  const rv = useAsync(() => loadReview(kind, id, year), [kind, id, year]);
  if (subj.error) return <ErrorBox error={subj.error} onRetry={subj.reload} />;
  if (!subj.data) return <Loading />;
  const s = subj.data;
  const member = kind === 'members' ? (s as MemberDetail) : null;
  const org = kind === 'orgs' ? (s as Org) : null;
  const name = member ? member.full_name : org!.name;
  return (
    <div class="review-page" data-testid="review-page">
      <p class="breadcrumb-back">
        {member
          ? <><Link href={`/members/${member.id}`}>{member.full_name}</Link>{member.org && <> · <Link href={`/orgs/${member.org.id}`}>{member.org.name}</Link></>}</>
          : <Link href={`/orgs/${org!.id}`}>{org!.name}</Link>}
      </p>
      <h1>{t('review.title', { y: year })}<span class="sr-only">: </span><span class="h1-sub">{name}</span></h1>
      <YearForm key={year} kind={kind} id={id} year={year} />
      {rv.error ? <ErrorBox error={rv.error} onRetry={rv.reload} /> : rv.loading || rv.data === undefined ? <Loading /> : (
        <ReviewBody key={`${kind}-${id}-${year}`} kind={kind} id={id} year={year} initial={rv.data} form={org?.form} />
      )}
    </div>
  );
}

function ReviewBody({ kind, id, year, initial, form }: { kind: Kind; id: number; year: number; initial: Review | null; form?: string }) {
  const user = useUser();
  const editable = canEdit(user);
  const [review, setReview] = useState<Review | null>(initial);
  const [editing, setEditing] = useState<Column | null>(defaultEditing(initial?.state, editable));
  const subjects = subjectsFor(kind, form);
  const [subject, setSubject] = useState(initial?.subject ?? subjects[0]);
  const [notice, setNotice] = useState('');
  const rubricId = review?.rubric.id ?? 0;
  const rubricSubject = review?.subject ?? subject;
  const rubric = useAsync<Rubric>(
    () => (rubricId ? api.reviewRubric({ id: rubricId }) : api.reviewRubric({ subject: rubricSubject, year })),
    [rubricId, rubricSubject, year],
  );
  const saved = (r: Review, msg: string) => {
    setReview(r);
    setEditing(defaultEditing(r.state, editable));
    setNotice(msg);
  };
  const ruleset = rulesetOf(review, rubric.data, year);
  // After a step is saved the form re-renders: put the focus on the confirmation, where reading resumes.
  useEffect(() => {
    if (notice) document.querySelector<HTMLElement>('[data-testid=review-notice]')?.focus();
  }, [notice]);
  return (
    <>
      <ReviewSummary review={review} year={year} kind={kind} subject={rubricSubject} rubric={rubric.data} />
      {notice && <p class="notice notice-ok" role="status" tabIndex={-1} data-testid="review-notice">{notice}</p>}
      {rubric.error ? <RubricError error={rubric.error} onRetry={rubric.reload} /> : !rubric.data ? <Loading /> : (
        <ScoreForm
          key={`${editing ?? 'view'}-${review?.steps.length ?? 0}-${rubric.data.id}-${rubric.data.subject}`}
          kind={kind} id={id} year={year} rubric={rubric.data} ruleset={ruleset} review={review} editing={editing}
          editable={editable} subject={rubricSubject} subjects={review ? [] : subjects} onSubject={setSubject}
          onEdit={(c) => { setNotice(''); setEditing(c); }}
          onSaved={(r, step) => saved(r, step === 'self_assess' ? t('review.savedSelf') : t('review.savedVerify'))}
        />
      )}
      {review && (review.state === 'verified' || review.locked) && (
        <DecisionPanel key={`${review.state}-${review.steps.length}`} kind={kind} id={id} year={year} review={review} editable={editable}
          onSaved={(r, step) => saved(r, step === 'decide' ? t('review.savedDecide') : t('review.savedAmend'))} />
      )}
      {review && <StepsHistory review={review} />}
    </>
  );
}

function Progress({ review }: { review: Review | null }) {
  const state = review?.state ?? null;
  const done = { self: !!latestStep(review, 'self_assess'), verify: !!latestStep(review, 'verify'), decide: !!review?.locked };
  const current = state === null ? 'self' : state === 'self_assessed' ? 'verify' : state === 'verified' ? 'decide' : null;
  const items: ['self' | 'verify' | 'decide', string][] = [
    ['self', t('review.stepSelf')], ['verify', t('review.stepVerify')], ['decide', t('review.stepDecide')],
  ];
  return (
    <ol class="progress" aria-label={t('review.progress')} data-testid="review-progress">
      {items.map(([k, text]) => (
        <li key={k} class={done[k] ? 'done' : current === k ? 'current' : ''} aria-current={current === k ? 'step' : undefined}>
          <span class="progress-mark" aria-hidden="true">{done[k] ? '✓' : ''}</span>
          {text}{done[k] && <span class="sr-only"> ({t('review.done')})</span>}
        </li>
      ))}
    </ol>
  );
}

function ReviewSummary({ review, year, kind, subject, rubric }: { review: Review | null; year: number; kind: Kind; subject: string; rubric?: Rubric }) {
  return (
    <section class="card" aria-labelledby="review-summary">
      <h2 id="review-summary" class="sr-only">{t('review.summary')}</h2>
      <Progress review={review} />
      <p class="lead" data-testid="review-state">
        {review
          ? <><span class={review.locked ? 'badge badge-locked' : 'badge badge-warn'}>{enumText('reviewstate', review.state, review.state_label)}</span>
            {review.locked && <> <span class="badge badge-locked" data-testid="locked">{t('review.locked')}</span></>}</>
          : <span class="badge badge-warn">{t('review.none', { y: year })}</span>}
      </p>
      <dl class="details">
        <dt>{t('review.subject')}</dt><dd>{enumText('reviewsubject', review?.subject ?? subject, review?.subject_label)}</dd>
        {kind === 'members' && review?.org_code && <><dt>{t('review.branch')}</dt><dd><Link href={`/orgs/${review.org_id}`}>{review.org_code}</Link></dd></>}
        {review && <><dt>{t('review.ruleset')}</dt><dd data-testid="ruleset">{review.ruleset.legal_basis || review.ruleset.name}</dd></>}
        {(review || rubric) && <><dt>{t('review.rubric')}</dt><dd>{review?.rubric.name || rubric?.name}{rubric && !rubric.builtin && ` (${t('review.version', { n: rubric.version })})`}</dd></>}
        {review?.review_date && <><dt>{t('review.reviewDate')}</dt><dd>{formatDate(review.review_date)}</dd></>}
        {review?.final && (
          <><dt>{t('review.final')}</dt><dd data-testid="final-level"><LevelBadge level={review.final.level} text={review.final.label} />
            {review.final.decision_no && <> — {t('review.decisionRef', { no: review.final.decision_no, d: formatDate(review.final.decision_date) })}</>}</dd></>
        )}
      </dl>
    </section>
  );
}

// ---- rubric: self-assessment and verification side by side ----

function ScoreCell(props: {
  col: Column; c: RubricCriterion; rubric: Rubric; value: string; edit: boolean; error?: string; onInput: (v: string) => void; colLabel: string;
}) {
  const lang = getLang();
  const { col, c, rubric } = props;
  const id = `${col}-${codeId(c.code)}`;
  if (!props.edit) {
    const shown = props.value === '' ? '—' : rubric.graded ? label('grade', props.value) : formatPoints(parsePoints(props.value) === null ? null : parsePoints(props.value)! / 100, lang);
    return <td class="num" data-label={props.colLabel} data-score={`${col}:${c.code}`}>{shown}</td>;
  }
  const aria = {
    id,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': props.error ? `${id}-error` : undefined,
    'aria-label': `${props.colLabel}: ${c.code} ${c.name}`,
  };
  return (
    <td class={props.error ? 'score-cell field-invalid' : 'score-cell'} data-label={props.colLabel}>
      {rubric.graded ? (
        <select {...aria} name={id} value={props.value} onChange={(e) => props.onInput((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('form.choose')}</option>
          {GRADES.map((g) => <option key={g} value={g}>{label('grade', g)}</option>)}
        </select>
      ) : (
        <input {...aria} name={id} class="score" inputMode="decimal" autoComplete="off" value={props.value}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)} />
      )}
      {props.error && <p class="field-error" id={`${id}-error`} data-field-error={id}>{props.error}</p>}
    </td>
  );
}

const FIELDS = ['level', 'text', 'review_date', 'subject', 'votes_returned', 'votes_low', 'sub_disciplined', 'sub_unremedied'];

function ScoreForm(props: {
  kind: Kind; id: number; year: number; rubric: Rubric; ruleset: { scoring: string; legacy_levels: boolean };
  review: Review | null; editing: Column | null; editable: boolean; subject: string; subjects: string[];
  onSubject: (s: string) => void; onEdit: (c: Column | null) => void; onSaved: (r: Review, step: 'self_assess' | 'verify') => void;
}) {
  const lang = getLang();
  const { rubric, review, editing } = props;
  const selfStep = latestStep(review, 'self_assess');
  const verifyStep = latestStep(review, 'verify');
  const savedSelf = stepValues(selfStep, lang);
  const savedVerify = stepValues(verifyStep, lang);
  const initial: Values = editing === 'self' ? { ...savedSelf } : editing === 'verify' ? { ...savedVerify } : {};
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Problems>({});
  const [apiErr, setApiErr] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: string) => (v: string) => setValues((old) => ({ ...old, [k]: v }));
  const crit = rubricCriteria(rubric);
  const codes = new Set(crit.map((c) => c.code));
  const selfVals = editing === 'self' ? values : savedSelf;
  const verifyVals = editing === 'verify' ? values : savedVerify;
  const step = editing === 'self' ? 'self_assess' : 'verify';
  const first = !review;
  const err = (k: string): string | undefined =>
    problemText(errors[k]) ?? (apiErr && apiErr.field === k ? apiErr.text : undefined);
  const general = apiErr && !codes.has(apiErr.field) && !FIELDS.includes(apiErr.field) ? apiErr.text : '';
  const colErr = (col: Column, code: string) => (col === editing ? err(code) : undefined);
  const selfTotals = scoreTotals(rubric, selfVals);
  const verifyTotals = scoreTotals(rubric, verifyVals);
  const showDiff = !rubric.graded && (selfStep !== undefined || editing === 'self') && (verifyStep !== undefined || editing === 'verify');
  const colSelf = t('review.colSelf');
  const colVerify = t('review.colVerify');
  const allowed = allowedSteps(review?.state);
  const check = () => checkScoredStep(rubric, step, values, { year: props.year, first, subject: props.subject, lang, today: todayIso() });

  const send = async () => {
    const c = check();
    setBusy(true);
    try {
      const r = await api.reviewStep(props.kind, props.id, c.payload);
      setConfirming(false);
      props.onSaved(r, step);
    } catch (e) {
      setConfirming(false);
      const field = e instanceof ApiError ? (e.field === 'scores' ? '' : e.field) : '';
      setApiErr({ field, text: errorText(e) });
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setApiErr(null);
    const c = check();
    setErrors(c.errors);
    if (Object.keys(c.errors).length) { focusFirstError(formRef.current); return; }
    // Verification closes the self-assessment for good: ask first. A self-assessment can be redone.
    if (step === 'verify') setConfirming(true);
    else void send();
  };

  const band = (tot: ReturnType<typeof scoreTotals>) => {
    if (!tot || !tot.complete) return null;
    return scoreBand(tot.total, props.ruleset);
  };
  const totalCell = (col: Column, tot: ReturnType<typeof scoreTotals>, has: boolean, colLabel: string) => (
    <td class="num" data-label={colLabel} data-total={col}>
      {tot && has ? <><strong>{formatPoints(tot.total, lang)}</strong>{!tot.complete && <span class="muted"> ({t('review.incomplete')})</span>}</> : '—'}
    </td>
  );
  const hasSelf = editing === 'self' || selfStep !== undefined;
  const hasVerify = editing === 'verify' || verifyStep !== undefined;
  const levelCell = (col: Column, saved: typeof selfStep, tot: ReturnType<typeof scoreTotals>, colLabel: string) => {
    if (col === editing) {
      const b = band(tot);
      return <td data-label={colLabel} data-band={col}>{b ? <><LevelBadge level={b} /><span class="hint"> {t('review.byScore')}</span></> : <span class="muted">{rubric.graded ? t('review.serverProposes') : '—'}</span>}</td>;
    }
    return <td data-label={colLabel} data-saved-level={col}>{saved ? <LevelBadge level={saved.level} text={saved.level_label} /> : '—'}</td>;
  };
  const facts = factsFor(props.subject);
  const span = rubric.graded ? 1 : 2;

  return (
    <form ref={formRef} class="card rubric-form" onSubmit={submit} noValidate data-testid="rubric-form" aria-labelledby="rubric-h">
      <h2 id="rubric-h">{t('review.rubricTitle')}</h2>
      <p class="hint">{rubric.graded ? t('review.gradedHint') : t('review.pointsHint')}</p>
      {editing && first && props.subjects.length > 1 && (
        <SelectField id="subject" label={t('review.subject')} value={props.subject} onChange={props.onSubject} error={err('subject')}
          options={props.subjects.map((s) => [s, label('reviewsubject', s)])} />
      )}
      {editing === 'verify' && selfStep && (
        <div class="toolbar">
          <button type="button" onClick={() => setValues((old) => ({ ...old, ...savedSelf }))} data-testid="copy-self">{t('review.copySelf')}</button>
        </div>
      )}
      <div class="table-wrap">
        <table class="rubric" data-testid="rubric">
          <thead>
            <tr>
              <th scope="col">{t('review.criterion')}</th>
              {!rubric.graded && <th scope="col" class="num">{t('review.max')}</th>}
              <th scope="col" class={editing === 'self' ? 'col-edit' : ''}>{colSelf}</th>
              <th scope="col" class={editing === 'verify' ? 'col-edit' : ''}>{colVerify}</th>
              {showDiff && <th scope="col" class="num">{t('review.diff')}</th>}
            </tr>
          </thead>
          {(rubric.groups ?? []).map((g, gi) => (
            <tbody key={g.code}>
              <tr class="rubric-group">
                <th scope="rowgroup" colSpan={span}>{g.code}. {g.name}{!rubric.graded && <span class="muted"> ({t('review.maxPoints', { n: formatPoints(g.max, lang) })})</span>}</th>
                <td class="num" data-label={colSelf}>{selfTotals && hasSelf ? formatPoints(selfTotals.groups[gi]?.total, lang) : ''}</td>
                <td class="num" data-label={colVerify}>{verifyTotals && hasVerify ? formatPoints(verifyTotals.groups[gi]?.total, lang) : ''}</td>
                {showDiff && <td class="num" data-label={t('review.diff')}>{selfTotals && verifyTotals ? formatPointsDelta(verifyTotals.groups[gi].total - selfTotals.groups[gi].total, lang) : ''}</td>}
              </tr>
              {g.criteria.map((c) => {
                const a = parsePoints(selfVals[c.code] ?? '');
                const b = parsePoints(verifyVals[c.code] ?? '');
                return (
                  <tr key={c.code} data-criterion={c.code}>
                    <th scope="row" class="crit-name"><span class="crit-code">{c.code}</span> {c.name}</th>
                    {!rubric.graded && <td class="num" data-label={t('review.max')}>{formatPoints(c.max, lang)}</td>}
                    <ScoreCell col="self" c={c} rubric={rubric} value={selfVals[c.code] ?? ''} edit={editing === 'self'} error={colErr('self', c.code)} onInput={set(c.code)} colLabel={colSelf} />
                    <ScoreCell col="verify" c={c} rubric={rubric} value={verifyVals[c.code] ?? ''} edit={editing === 'verify'} error={colErr('verify', c.code)} onInput={set(c.code)} colLabel={colVerify} />
                    {showDiff && <td class={a !== null && b !== null && b < a ? 'num diff-down' : 'num'} data-label={t('review.diff')}>{a !== null && b !== null ? formatPointsDelta((b - a) / 100, lang) : ''}</td>}
                  </tr>
                );
              })}
            </tbody>
          ))}
          <tfoot>
            {!rubric.graded && (
              <tr class="rubric-total">
                <th scope="row" colSpan={2}>{t('review.total')} <span class="muted">({t('review.maxPoints', { n: formatPoints(selfTotals?.max ?? 0, lang) })})</span></th>
                {totalCell('self', selfTotals, hasSelf, colSelf)}
                {totalCell('verify', verifyTotals, hasVerify, colVerify)}
                {showDiff && <td class="num" data-label={t('review.diff')}>{selfTotals && verifyTotals ? formatPointsDelta(verifyTotals.total - selfTotals.total, lang) : ''}</td>}
              </tr>
            )}
            <tr class="rubric-level">
              <th scope="row" colSpan={span}>{t('review.proposedLevel')}</th>
              {levelCell('self', selfStep, selfTotals, colSelf)}
              {levelCell('verify', verifyStep, verifyTotals, colVerify)}
              {showDiff && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
      {(selfStep?.text || verifyStep?.text) && !editing && (
        <dl class="details step-notes">
          {selfStep?.text && <><dt>{t('review.comments')}</dt><dd>{selfStep.text}</dd></>}
          {verifyStep?.text && <><dt>{t('review.notes')}</dt><dd>{verifyStep.text}</dd></>}
        </dl>
      )}
      {editing ? (
        <fieldset class="step-fields">
          <legend>{editing === 'self' ? t('review.selfFields') : t('review.verifyFields')}</legend>
          <SelectField id="level" label={editing === 'self' ? t('review.selfLevel') : t('review.verifyLevel')} value={values.level ?? ''} onChange={set('level')}
            error={err('level')} empty={t('review.levelDefault')} options={LEVELS.map((l) => [l, levelLabel(l)])} />
          {editing === 'self' && first && (
            <DateField id="review_date" label={t('review.reviewDate')} value={values.review_date ?? ''} onInput={set('review_date')} error={err('review_date')} />
          )}
          <Field id="text" label={editing === 'self' ? t('review.comments') : t('review.notes')} error={err('text')}>
            {(aria) => <textarea {...aria} name="text" rows={3} value={values.text ?? ''} onInput={(e) => set('text')((e.currentTarget as HTMLTextAreaElement).value)} />}
          </Field>
          {editing === 'verify' && (
            <div class="facts" data-testid="verify-facts">
              <p class="hint">{t('review.factsHint')}</p>
              {['degradation', 'self_remedied', 'not_duty_related', 'disunity'].filter((f) => facts.includes(f)).map((f) => (
                <label key={f} class="check">
                  <input type="checkbox" id={f} name={f} checked={values[f] === '1'} onChange={(e) => set(f)((e.currentTarget as HTMLInputElement).checked ? '1' : '')} />
                  {label('fact', f)}
                </label>
              ))}
              {['votes_returned', 'votes_low', 'sub_disciplined', 'sub_unremedied'].filter((f) => facts.includes(f)).map((f) => (
                <TextField key={f} id={f} label={label('fact', f)} value={values[f] ?? ''} onInput={set(f)} error={err(f)} inputMode="numeric" autoComplete="off" />
              ))}
            </div>
          )}
        </fieldset>
      ) : null}
      {general && <p class="notice notice-error" role="alert" tabIndex={-1} data-testid="form-error">{general}</p>}
      {props.editable && (
        <div class="actions">
          {editing && (
            <button type="submit" class="primary" disabled={busy} data-testid="save-step">
              {editing === 'self' ? t('review.saveSelf') : t('review.saveVerify')}
            </button>
          )}
          {editing && review && editing !== defaultEditing(review.state, true) && (
            <button type="button" onClick={() => props.onEdit(defaultEditing(review.state, true))}>{t('form.cancel')}</button>
          )}
          {!editing && allowed.includes('self_assess') && <button type="button" onClick={() => props.onEdit('self')} data-testid="edit-self">{t('review.editSelf')}</button>}
          {editing === 'verify' && allowed.includes('self_assess') && <button type="button" onClick={() => props.onEdit('self')} data-testid="edit-self">{t('review.editSelf')}</button>}
          {!editing && allowed.includes('verify') && <button type="button" onClick={() => props.onEdit('verify')} data-testid="edit-verify">{review?.state === 'verified' ? t('review.editVerify') : t('review.startVerify')}</button>}
        </div>
      )}
      <ConfirmDialog id="verify-confirm-title" open={confirming} busy={busy} title={t('confirm.title')} message={t('review.confirmVerify')}
        onConfirm={() => void send()} onCancel={() => setConfirming(false)} />
    </form>
  );
}

// ---- the committee's decision ----

function CapBox({ cap, exceptionAllowed, loading }: { cap: ReviewCap | undefined; exceptionAllowed: boolean; loading: boolean }) {
  const lang = getLang();
  const v = capView(cap);
  const cls = ['cap', v.state === 'exceeded' ? 'cap-exceeded' : '', loading ? 'loading-dim' : ''].filter(Boolean).join(' ');
  return (
    <section class={cls} aria-labelledby="cap-h" data-testid="cap" aria-live="polite" aria-busy={loading ? 'true' : undefined}>
      <h3 id="cap-h">{t('review.capTitle')}</h3>
      {v.state === 'none' ? <p data-testid="cap-none">{t('review.capNone')}</p> : (
        <>
          {cap?.group && <p class="muted" data-testid="cap-group">{cap.group}</p>}
          <dl class="details">
            <dt>{t('review.capGood')}</dt><dd data-testid="cap-good">{formatNumber(v.good, lang)}</dd>
            <dt>{t('review.capAllowed', { p: v.share })}</dt><dd data-testid="cap-allowed">{formatNumber(v.allowed, lang)}</dd>
            <dt>{t('review.capUsed')}</dt><dd data-testid="cap-used">{formatNumber(v.used, lang)}</dd>
          </dl>
          <p class="hint">{t('review.capCounted', { level: levelLabel(cap?.level) })}</p>
          {v.state === 'exceeded' && (
            <p class={exceptionAllowed ? 'notice notice-warn' : 'notice notice-error'} data-testid="cap-exceeded">
              {exceptionAllowed ? t('review.capExceeded') : t('review.capExceededNoException')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

const DECISION_FIELDS = ['level', 'decision_no', 'decision_date', 'text', 'cap_exception', 'override_reason', 'order'];

function DecisionPanel({ kind, id, year, review, editable, onSaved }: {
  kind: Kind; id: number; year: number; review: Review; editable: boolean; onSaved: (r: Review, step: 'decide' | 'amend') => void;
}) {
  const [amending, setAmending] = useState(false);
  const mode: 'decide' | 'amend' | null = !editable ? null : review.locked ? (amending ? 'amend' : null) : review.state === 'verified' ? 'decide' : null;
  const [values, setValues] = useState<Values>({ level: !review.locked ? review.proposal?.level ?? '' : '' });
  const [errors, setErrors] = useState<Problems>({});
  const [apiErr, setApiErr] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [cap, setCap] = useState<{ cap?: ReviewCap; allowed: boolean }>({ cap: review.cap, allowed: !!review.cap_exception_allowed });
  const [capFailed, setCapFailed] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: string) => (v: string) => setValues((old) => ({ ...old, [k]: v }));
  const shownLevel = (mode && values.level) || (review.locked ? review.final?.level : review.proposal?.level) || '';

  // The cap figures depend on the level being decided: ask the server again when it changes.
  useEffect(() => {
    if (!shownLevel || cap.cap?.level === shownLevel) return;
    let live = true;
    api.review(kind, id, year, shownLevel).then(
      (r) => { if (live) setCap({ cap: r.cap, allowed: !!r.cap_exception_allowed }); },
      () => { if (live) setCapFailed(shownLevel); },
    );
    return () => { live = false; };
  }, [shownLevel]);

  // When the figures cannot be had, the server still checks the cap on submit.
  const capFresh = cap.cap?.level === shownLevel || capFailed === shownLevel;
  const exceeded = cap.cap?.level === shownLevel && !!cap.cap?.exceeded;
  const check = () => checkDecision(values, { step: mode ?? 'decide', year, capExceeded: exceeded, exceptionAllowed: cap.allowed });
  const err = (k: string) => problemText(errors[k]) ?? (apiErr && (apiErr.field === k || (k === 'text' && apiErr.field === 'reason') || (k === 'override_reason' && apiErr.field === 'order')) ? apiErr.text : undefined);
  const general = apiErr && !DECISION_FIELDS.includes(apiErr.field) && apiErr.field !== 'reason' ? apiErr.text : '';
  const submit = (e: Event) => {
    e.preventDefault();
    setApiErr(null);
    if (!capFresh && values.level) return; // the cap figures of the chosen level are still loading
    const c = check();
    setErrors(c.errors);
    if (Object.keys(c.errors).length) { focusFirstError(formRef.current); return; }
    setConfirming(true);
  };
  const send = async () => {
    const c = check();
    setBusy(true);
    try {
      const r = await api.reviewStep(kind, id, c.payload);
      setConfirming(false);
      onSaved(r, mode ?? 'decide');
    } catch (e) {
      setConfirming(false);
      setApiErr({ field: e instanceof ApiError ? e.field : '', text: errorText(e) });
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };
  // Opening the amendment moves the keyboard focus into its form.
  useEffect(() => {
    if (mode === 'amend') formRef.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [mode]);
  const p = review.proposal;
  const lastAmend = latestStep(review, 'amend');
  return (
    <section class="card decision" aria-labelledby="decision-h" data-testid="decision">
      <h2 id="decision-h">{t('review.decisionTitle')}</h2>
      <div class="grid2">
        <section class="proposal" aria-labelledby="proposal-h" data-testid="proposal">
          <h3 id="proposal-h">{t('review.proposal')}</h3>
          {p ? (
            <>
              <p class="proposal-level"><LevelBadge level={p.level} text={p.label} />
                {p.forced && <> <span class="badge badge-bad" data-testid="forced">{t('review.forced')}</span></>}</p>
              {p.score_level && p.score_level !== p.level && <p class="muted">{t('review.scoreLevel', { level: levelLabel(p.score_level) })}</p>}
              <h4>{t('review.reasons')}</h4>
              <ul class="reasons" data-testid="proposal-reasons" lang="vi">
                {p.reasons.map((r, i) => <li key={i}>{r}</li>)}
              </ul>
            </>
          ) : <p>{t('review.noProposal')}</p>}
          <h4>{t('review.registryFacts')}</h4>
          {(review.registry_facts ?? []).length === 0 ? <p class="muted">{t('review.noFacts')}</p> : (
            <ul class="reasons" data-testid="registry-facts" lang="vi">
              {review.registry_facts!.map((f, i) => <li key={i}>{f}</li>)}
            </ul>
          )}
        </section>
        <CapBox cap={cap.cap} exceptionAllowed={cap.allowed} loading={!capFresh} />
      </div>

      {review.locked && (
        <div class="notice notice-locked" data-testid="decided">
          <p><strong>{t('review.lockedResult')}</strong> <LevelBadge level={review.final?.level} text={review.final?.label} /></p>
          {review.final?.decision_no && <p>{t('review.decisionRef', { no: review.final.decision_no, d: formatDate(review.final.decision_date) })}</p>}
          {lastAmend && <p>{t('review.amendedBecause', { reason: lastAmend.text ?? '' })}</p>}
          <p class="hint">{t('review.lockedHint')}</p>
        </div>
      )}

      {mode && (
        <form ref={formRef} class="form decision-form" onSubmit={submit} noValidate data-testid={`${mode}-form`}>
          <h3 tabIndex={-1}>{mode === 'decide' ? t('review.decideTitle') : t('review.amendTitle')}</h3>
          <fieldset class={err('level') ? 'field segmented field-invalid levels' : 'field segmented levels'} aria-describedby={err('level') ? 'level-error' : undefined}>
            <legend>{t('review.finalLevel')}<span class="req" aria-hidden="true"> *</span></legend>
            {LEVELS.map((l) => (
              <label key={l} class="radio">
                <input type="radio" name="level" id={`level-${l}`} value={l} checked={values.level === l}
                  aria-invalid={err('level') ? 'true' : undefined}
                  onChange={() => { set('level')(l); setErrors((e) => ({ ...e, level: undefined as never })); }} />
                <LevelBadge level={l} />
                {p?.level === l && <span class="muted"> ({t('review.proposed')})</span>}
              </label>
            ))}
            {err('level') && <p class="field-error" id="level-error" data-field-error="level">{err('level')}</p>}
          </fieldset>
          <fieldset>
            <TextField id="decision_no" label={t('form.decisionNo')} value={values.decision_no ?? ''} onInput={set('decision_no')} error={err('decision_no')} required={mode === 'decide'} autoComplete="off" />
            <DateField id="decision_date" label={t('form.decisionDate')} value={values.decision_date ?? ''} onInput={set('decision_date')} error={err('decision_date')} required={mode === 'decide'} />
          </fieldset>
          {mode === 'amend' && (
            <Field id="text" label={t('review.amendReason')} error={err('text')} required>
              {(aria) => <textarea {...aria} name="text" rows={3} value={values.text ?? ''} onInput={(e) => set('text')((e.currentTarget as HTMLTextAreaElement).value)} />}
            </Field>
          )}
          {mode === 'decide' && (
            <Field id="override_reason" label={t('review.overrideReason')} error={err('override_reason')} hint={t('review.overrideReasonHint')}>
              {(aria) => <textarea {...aria} name="override_reason" rows={2} value={values.override_reason ?? ''} onInput={(e) => set('override_reason')((e.currentTarget as HTMLTextAreaElement).value)} />}
            </Field>
          )}
          {exceeded && cap.allowed && (
            <Field id="cap_exception" label={t('review.capException')} error={err('cap_exception')} hint={t('review.capExceptionHint')} required>
              {(aria) => <textarea {...aria} name="cap_exception" rows={3} value={values.cap_exception ?? ''} onInput={(e) => set('cap_exception')((e.currentTarget as HTMLTextAreaElement).value)} />}
            </Field>
          )}
          {general && <p class="notice notice-error" role="alert" tabIndex={-1} data-testid="decision-error">{general}</p>}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || (!!values.level && !capFresh)} data-testid={`${mode}-submit`}>{mode === 'decide' ? t('review.decide') : t('review.amend')}</button>
            {mode === 'amend' && <button type="button" onClick={() => { setAmending(false); setErrors({}); setApiErr(null); }}>{t('form.cancel')}</button>}
          </div>
          <ConfirmDialog id="decision-confirm-title" open={confirming} busy={busy} title={t('confirm.title')}
            message={t(mode === 'decide' ? 'review.confirmDecide' : 'review.confirmAmend', { level: levelLabel(values.level) })}
            onConfirm={() => void send()} onCancel={() => setConfirming(false)} />
        </form>
      )}
      {review.locked && editable && !amending && (
        <div class="actions">
          <button type="button" onClick={() => { setAmending(true); setValues({ level: '' }); }} data-testid="start-amend">{t('review.startAmend')}</button>
        </div>
      )}
    </section>
  );
}

function StepsHistory({ review }: { review: Review }) {
  const lang = getLang();
  return (
    <section aria-labelledby="steps-h">
      <h2 id="steps-h">{t('review.history')}</h2>
      <div class="table-wrap">
        <table data-testid="review-steps">
          <thead>
            <tr>
              <th scope="col">{t('review.step')}</th>
              <th scope="col">{t('review.level')}</th>
              <th scope="col" class="num">{t('review.total')}</th>
              <th scope="col">{t('review.by')}</th>
              <th scope="col">{t('review.at')}</th>
              <th scope="col">{t('review.textCol')}</th>
            </tr>
          </thead>
          <tbody>
            {review.steps.map((s) => (
              <tr key={s.id} data-step={s.step}>
                <td>{enumText('reviewstep', s.step, s.step_label)}</td>
                <td><LevelBadge level={s.level} text={s.level_label} /></td>
                <td class="num">{s.total === null || s.total === undefined ? '—' : formatPoints(s.total, lang)}</td>
                <td>{s.by_name || s.by || "—"}</td>
                <td>{formatTimestamp(s.at)}</td>
                <td>
                  {s.decision_no && <div>{t('review.decisionRef', { no: s.decision_no, d: formatDate(s.decision_date) })}</div>}
                  {s.text && <div>{s.text}</div>}
                  {s.cap_exception && <div class="muted">{t('review.capExceptionShort')}: {s.cap_exception}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
