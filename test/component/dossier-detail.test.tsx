import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DossierDetailView } from '../../renderer/features/dossiers/DossierDetailView';
import { renderWithI18n } from './render';
import { DETAIL } from './sample';

describe('DossierDetailView', () => {
  it('shows the masked ID, the green-channel justification, eligibility per condition and attachments', () => {
    renderWithI18n(<DossierDetailView d={DETAIL} />);
    expect(screen.getByTestId('id-number')).toHaveTextContent('2201**********1234');
    expect(screen.getByTestId('green-justification')).toHaveTextContent('年度直播带货销售额超过一亿元。');
    const elig = screen.getByTestId('eligibility-table');
    expect(within(elig).getByText('学历不低于 大学本科 (21)')).toBeInTheDocument();
    expect(within(elig).getByText('任现职满 5 年')).toBeInTheDocument();
    expect(within(elig).getByText('实际：3 年')).toBeInTheDocument();
    expect(within(elig).getAllByText('破格免于审核').length).toBeGreaterThan(0);
    expect(screen.getByText('123,456,789 元')).toBeInTheDocument();
    expect(within(screen.getByTestId('attachment-list')).getByText('业绩证明.pdf')).toBeInTheDocument();
  });

  it('renders in English', () => {
    renderWithI18n(<DossierDetailView d={DETAIL} />, 'en-US');
    expect(screen.getByText('Green-channel / exceptional justification')).toBeInTheDocument();
    expect(screen.getByText('At least 5 years in the current title')).toBeInTheDocument();
  });
});
