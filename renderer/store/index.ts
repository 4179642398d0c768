// One store from slices (zustand's slices pattern). Components read through narrow selectors.
import { create } from 'zustand';
import { createDeskSlice, type DeskSlice } from './desk-slice';
import { createDossierSlice, type DossierSlice } from './dossier-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createPrefsSlice, type PrefsSlice } from './prefs-slice';
import { createScoringSlice, type ScoringSlice } from './scoring-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';

export type State = PrefsSlice & SessionSlice & DossierSlice & ImportSlice & SetupSlice & ScoringSlice & DeskSlice;

export const createAppStore = () =>
  create<State>()((...a) => ({
    ...createPrefsSlice(...a),
    ...createSessionSlice(...a),
    ...createDossierSlice(...a),
    ...createImportSlice(...a),
    ...createSetupSlice(...a),
    ...createScoringSlice(...a),
    ...createDeskSlice(...a),
  }));

export const useStore = createAppStore();
