import type { Person } from '../../api/admin-api';

/** The people whose name or username contains every word of the search, whatever the case. */
export function filterPeople(people: Person[], search: string): Person[] {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return people;
  return people.filter((person) => {
    const text = `${person.displayName} ${person.username}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}
