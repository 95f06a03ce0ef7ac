import type { TFunction } from 'i18next';

/** Who acted, as a reader says it: "ILO · Ana Belo (standing in for …)", the role where there is no agency; '' for nobody. */
export function whoWords(
  by: { agency: string | null; role: string | null; person: string | null; onBehalfOf: string | null },
  t: TFunction,
): string {
  const who = [by.agency ?? (by.role ? t(`role.${by.role}`, { defaultValue: by.role }) : null), by.person]
    .filter(Boolean)
    .join(' · ');
  return by.onBehalfOf ? `${who} (${t('task.onBehalfOf', { person: by.onBehalfOf })})` : who;
}
