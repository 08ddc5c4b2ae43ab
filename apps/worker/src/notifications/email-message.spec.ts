import { digestEmail, immediateEmail } from './email-message';

const item = {
  title: 'Nieuwe taak: Eerste gesprek',
  link: 'https://schakel.example.nl/app/tasks/9a3e4b5c-2222-4c1e-9a55-2f1e0c9d8a11',
};

describe('notification e-mails', () => {
  it('say what happened and where to open it, and nothing else', () => {
    const mail = immediateEmail('team@kredietbank.example.nl', item);
    expect(mail).toMatchObject({
      to: 'team@kredietbank.example.nl',
      subject: 'Schakel: Nieuwe taak: Eerste gesprek',
    });
    expect(mail.text.split('\n').slice(0, 3)).toEqual([
      'Nieuwe taak: Eerste gesprek',
      '',
      `Open in Schakel: ${item.link}`,
    ]);
  });

  it('gather a day in one digest, each item with its link', () => {
    const second = { title: 'Zaak afgesloten', link: 'https://schakel.example.nl/app/cases/c1' };
    const mail = digestEmail('wijkteam@gemeente.example.nl', [item, second]);
    expect(mail.subject).toBe('Schakel: 2 meldingen van vandaag');
    expect(mail.text).toContain(
      `- ${item.title}\n  ${item.link}\n- ${second.title}\n  ${second.link}`,
    );
    expect(digestEmail('a@b.nl', [item]).subject).toBe('Schakel: 1 melding van vandaag');
  });
});
