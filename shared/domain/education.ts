// GB/T 4658-2006 education codes, ranked so that a higher rank is a higher degree.
// 1x graduate (11 doctorate, 14 master), 2x bachelor, 3x college, 4x vocational secondary, 6x high school.
export function educationRank(code: string): number {
  if (!/^\d{2}$/.test(code)) return 0;
  const major = Number(code[0]);
  const minor = Number(code[1]);
  switch (major) {
    case 1:
      return minor >= 1 && minor <= 3 ? 7 : 6; // doctorate vs master
    case 2:
      return 5;
    case 3:
      return 4;
    case 4:
      return 3;
    case 6:
      return 2;
    case 7:
    case 8:
      return 1;
    default:
      return 0;
  }
}

/** Key of the i18n label for an education code (edu.doctorate, edu.bachelor, …). */
export function educationKey(code: string): string {
  return ['unknown', 'primary', 'highSchool', 'vocational', 'college', 'bachelor', 'master', 'doctorate'][
    educationRank(code)
  ] as string;
}
