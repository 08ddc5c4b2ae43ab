import { describe, expect, it } from 'vitest';
import type { Person } from '../../api/admin-api';
import { filterPeople } from './people-filter';

const person = (username: string, displayName: string): Person => ({
  id: username,
  username,
  displayName,
  active: true,
  deactivatedAt: null,
  grants: [],
});

const PEOPLE = [
  person('j.jansen@gemeente.example', 'Jan Jansen'),
  person('p.devries', 'Petra de Vries'),
];

describe('the people search', () => {
  it('matches every word in the name or username, whatever the case', () => {
    expect(filterPeople(PEOPLE, 'jan GEMEENTE')).toEqual([PEOPLE[0]]);
    expect(filterPeople(PEOPLE, 'de vries')).toEqual([PEOPLE[1]]);
    expect(filterPeople(PEOPLE, 'jan vries')).toEqual([]);
  });

  it('shows everyone for an empty search', () => {
    expect(filterPeople(PEOPLE, '  ')).toEqual(PEOPLE);
  });
});
