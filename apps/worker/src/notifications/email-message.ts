/** One e-mail as nodemailer takes it. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailItem {
  title: string;
  link: string;
}

const FOOTER =
  'Dit bericht bevat bewust geen gegevens over de cliënt of de zaak: die ziet u alleen in Schakel, ' +
  'na het inloggen, voor zover uw stap dat mag.\n\n' +
  'U ontvangt dit bericht omdat u of uw organisatie e-mailmeldingen van Schakel heeft aangezet.';

/**
 * The e-mail for one notification: its title (which names a task and a step, never the client)
 * and a link to the task in the console. Nothing of the case travels by e-mail.
 */
export function immediateEmail(to: string, item: EmailItem): EmailMessage {
  return {
    to,
    subject: `Schakel: ${item.title}`,
    text: `${item.title}\n\nOpen in Schakel: ${item.link}\n\n${FOOTER}\n`,
  };
}

/** The daily digest: every notification since the last one, each with its link. */
export function digestEmail(to: string, items: EmailItem[]): EmailMessage {
  const lines = items.map((item) => `- ${item.title}\n  ${item.link}`).join('\n');
  return {
    to,
    subject: `Schakel: ${items.length} ${items.length === 1 ? 'melding' : 'meldingen'} van vandaag`,
    text: `Meldingen sinds het vorige overzicht:\n\n${lines}\n\n${FOOTER}\n`,
  };
}
