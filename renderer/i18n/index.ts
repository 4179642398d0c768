// i18next set-up: zh-CN by default, en-US second; error codes and warnings translate through here.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AppErrorShape, ErrorCode } from '../../shared/errors';
import type { Locale } from '../../shared/types';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

// Every error code has a message in both catalogues (compile-time check).
const _zhErrors: Record<ErrorCode, string> = zhCN.error;
const _enErrors: Record<ErrorCode, string> = enUS.error;
void _zhErrors;
void _enErrors;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const resources = { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } };

export function createI18n(locale: Locale = 'zh-CN'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** The translated message of a coded error, with its details (file, row, field…) filled in. */
export function translateError(t: (key: string, opts?: Record<string, unknown>) => string, e: AppErrorShape): string {
  const d = e.details ?? {};
  // A desk role (secretary, examiner) is named in the user's language; an expert by their name.
  const who = d.expertName ?? (typeof d.role === 'string' ? t(`role.${d.role}`) : '');
  const details = { entry: '', path: '', field: '', file: '', reason: '', actual: '', expected: '', line: '', limit: '', ...d, expertName: who, message: e.message };
  return t(`error.${e.code}`, details);
}
