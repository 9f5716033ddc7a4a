import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t, type MessageKey } from '../i18n';
import { formatDate, parseDate, sentence } from '../format';
import { linkClick } from '../router';

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={linkClick} />;
}

export function Loading() {
  return <p class="loading" role="status">{t('app.loading')}</p>;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('err.network');
    // the server's reason when it gives one (founded later, merged, dissolved; or "no such
    // organization", which is all it says of what lies outside the scope)
    if (e.status === 404) return e.code === 'not_found' && e.message ? sentence(e.message) : t('app.notFound');
    return e.message ? sentence(e.message) : t('app.error');
  }
  return t('app.error');
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.code === 'not_found');
  return (
    <div class={notFound ? 'notice notice-warn' : 'notice notice-error'} role="alert" data-testid={notFound ? 'not-found' : 'error'}>
      <p>{errorText(error)}</p>
      {onRetry && !notFound && <button type="button" onClick={onRetry}>{t('app.retry')}</button>}
    </div>
  );
}

/** Loads data when `deps` change; keeps the last result while reloading. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): {
  data: T | undefined; error: unknown; loading: boolean; reload: () => void;
} {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => { if (live) setState({ data, loading: false }); },
      (error) => { if (live) setState({ error, loading: false }); },
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((n) => n + 1) };
}

/** Value that follows `value` after `ms` without changes (search as you type). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (aria: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string; 'aria-required'?: 'true' }) => ComponentChildren;
}

/** A labelled control with its hint and its error message (client's or the API's). */
export function Field({ id, label, error, hint, required, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {label}
        {required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      {children({
        id,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': described || undefined,
        'aria-required': required ? 'true' : undefined,
      })}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`} data-field-error={id}>{error}</p>}
    </div>
  );
}

export function TextField(props: {
  id: string; label: string; value: string; onInput: (v: string) => void; error?: string; hint?: string;
  required?: boolean; type?: 'text' | 'password' | 'search'; autoComplete?: string; inputMode?: string;
  placeholder?: string;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint} required={props.required}>
      {(aria) => (
        <input
          {...aria}
          name={props.id}
          type={(props.type ?? 'text') as 'text'}
          value={props.value}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

/**
 * A date typed as dd/mm/yyyy (how boards write dates) with a calendar beside it: the button opens
 * the browser's own date picker (a native input kept out of the tab order), whose choice is
 * written back into the text in dd/mm/yyyy. The text stays the value: the picker only fills it.
 */
export function DateField(props: { id: string; label: string; value: string; onInput: (v: string) => void; error?: string; required?: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const open = () => {
    const el = picker.current;
    if (!el) return;
    el.value = parseDate(props.value) ?? '';
    try {
      el.showPicker();
    } catch {
      el.focus(); // a browser without showPicker: the native control itself
    }
  };
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={t('form.dateHint')} required={props.required}>
      {(aria) => (
        <div class="date-field">
          <input
            {...aria}
            name={props.id}
            type="text"
            value={props.value}
            autoComplete="off"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="button" class="date-pick" onClick={open} aria-label={t('form.pickDate')} title={t('form.pickDate')} data-testid={`${props.id}-pick`}>
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
              <rect x="3" y="5" width="18" height="16" rx="2" />
              <path d="M3 10h18M8 3v4M16 3v4" />
            </svg>
          </button>
          <input
            ref={picker}
            type="date"
            class="date-native"
            tabIndex={-1}
            aria-hidden="true"
            data-testid={`${props.id}-calendar`}
            onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (v) props.onInput(formatDate(v)); }}
          />
        </div>
      )}
    </Field>
  );
}

export function SelectField(props: {
  id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][];
  error?: string; required?: boolean; empty?: string;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} required={props.required}>
      {(aria) => (
        <select {...aria} name={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
          {props.empty !== undefined && <option value="">{props.empty}</option>}
          {props.options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      )}
    </Field>
  );
}

/** Modal confirmation built on <dialog>: focus moves into it, Escape cancels. */
export function ConfirmDialog(props: { open: boolean; title: string; message: string; onConfirm: () => void; onCancel: () => void; busy?: boolean; id?: string; children?: ComponentChildren }) {
  const titleId = props.id ?? 'confirm-title';
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); props.onCancel(); }}>
      <h2 id={titleId}>{props.title}</h2>
      <p>{props.message}</p>
      {props.children}
      <div class="actions">
        <button type="button" class="primary" disabled={props.busy} onClick={props.onConfirm} data-testid="confirm-yes">{t('confirm.yes')}</button>
        <button type="button" autoFocus onClick={props.onCancel}>{t('confirm.no')}</button>
      </div>
    </dialog>
  );
}

/** Paging for long lists: first, previous, a page number to jump to, next, last. */
export function Pager(props: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const [jump, setJump] = useState(String(props.page));
  useEffect(() => setJump(String(props.page)), [props.page]);
  const n = Number(jump);
  const ok = /^\d+$/.test(jump.trim()) && n >= 1 && n <= pages;
  const go = (e: Event) => { e.preventDefault(); if (ok && n !== props.page) props.onPage(n); };
  return (
    <nav class="pager" aria-label={t('member.paging')}>
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(1)} aria-label={t('pager.first')}>«</button>
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>‹ {t('member.prev')}</button>
      <form class="pager-jump" onSubmit={go}>
        <label for="pager-page">{t('pager.page')}</label>
        <input id="pager-page" inputMode="numeric" size={5} value={jump} aria-invalid={ok ? undefined : 'true'} data-testid="pager-input"
          onInput={(e) => setJump((e.currentTarget as HTMLInputElement).value)} />
        <span aria-live="polite" data-testid="pager-of">/ {pages.toLocaleString('vi-VN')}</span>
        <button type="submit" disabled={!ok}>{t('pager.go')}</button>
      </form>
      <button type="button" disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>{t('member.next')} ›</button>
      <button type="button" disabled={props.page >= pages} onClick={() => props.onPage(pages)} aria-label={t('pager.last')}>»</button>
    </nav>
  );
}

/** Downloads rows as a CSV file made in the browser (UTF-8 with BOM, for Excel). */
export function downloadCsv(filename: string, header: string[], rows: (string | number | null | undefined)[][]): void {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function msg(key: MessageKey | undefined): string | undefined {
  return key ? t(key) : undefined;
}
