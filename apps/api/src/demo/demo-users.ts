import type { NewUser } from '@schakel/database';

/** Every demo user signs in with this password (outside production only). */
export const DEMO_PASSWORD = 'schakel-demo';

export interface DemoOrganisation {
  id: string;
  name: string;
}

/** Two caseworkers per partner (so tasks can be assigned to a colleague) plus the chain-wide roles. */
export function demoUsers(organisations: DemoOrganisation[]): Omit<NewUser, 'passwordHash'>[] {
  const caseworkers = organisations.flatMap((organisation) =>
    ['medewerker', 'collega'].map((suffix) => ({
      username: `${organisation.id}.${suffix}`,
      displayName: `${suffix === 'medewerker' ? 'Medewerker' : 'Collega'} ${organisation.name}`,
      role: 'caseworker' as const,
      organisationId: organisation.id,
    })),
  );
  const chainWide = [
    { username: 'regisseur', displayName: 'Ketenregisseur', role: 'regisseur' as const },
    { username: 'operations', displayName: 'Operations-analist', role: 'operations' as const },
    { username: 'admin', displayName: 'Modeleigenaar (beheerder)', role: 'admin' as const },
  ].map((user) => ({ ...user, organisationId: null }));
  return [...caseworkers, ...chainWide];
}
