import type { StateCreator } from 'zustand';
import type { Locale } from '../../shared/types';
import { call } from '../api/client';
import type { State } from './index';

export interface PrefsSlice {
  locale: Locale;
  zoom: number;
  loadPrefs(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  setZoom(zoom: number): Promise<void>;
}

const clampZoom = (z: number): number => Math.round(Math.min(2, Math.max(0.8, z)) * 10) / 10;

export const createPrefsSlice: StateCreator<State, [], [], PrefsSlice> = (set) => ({
  locale: 'zh-CN',
  zoom: 1,
  async loadPrefs() {
    const p = await call('getPrefs', {});
    set({ locale: p.locale, zoom: p.zoom });
  },
  async setLocale(locale) {
    set({ locale });
    await call('setPrefs', { locale });
  },
  async setZoom(zoom) {
    const z = clampZoom(zoom);
    set({ zoom: z });
    await call('setPrefs', { zoom: z });
  },
});
