import * as vscode from 'vscode';

/** The server's command: answers the pre-read email of an open agenda. */
export const PREREAD_COMMAND = 'oneonone.preread';

/** What `oneonone.preread` answers. */
export interface PrereadEmail {
  subject: string;
  body: string;
  /** "Subject: …", a blank line, then the body: what goes on the clipboard. */
  text: string;
  /** A mailto: URL with the subject and body encoded, and no address. */
  mailto: string;
}

export function isPrereadEmail(value: unknown): value is PrereadEmail {
  const v = value as Partial<PrereadEmail> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.subject === 'string' &&
    typeof v.text === 'string' &&
    typeof v.mailto === 'string'
  );
}

export const OPEN_IN_MAIL = 'Open in mail app';

/**
 * Puts the email on the clipboard and offers to open it in the mail app. Every way of
 * running `oneonone.preread` (the command palette, the "Draft the pre-read email" code
 * action) ends here.
 */
export async function deliver(email: PrereadEmail, log: vscode.OutputChannel): Promise<void> {
  await vscode.env.clipboard.writeText(email.text);
  log.appendLine(`Copied the pre-read email to the clipboard: ${email.subject}`);
  const choice = await vscode.window.showInformationMessage(
    `1:1: the pre-read email is on the clipboard ("${email.subject}"). Paste it into a new email, or open it in your mail app.`,
    OPEN_IN_MAIL,
  );
  if (choice === OPEN_IN_MAIL) {
    // Passed as the string it is: a vscode.Uri decodes the query and writes it again with
    // an "&" of the text left bare ("Q&A"), which cuts the body short in the mail app. VS
    // Code opens a string target as it is (the e2e test checks the URL the browser gets).
    const opened = await vscode.env.openExternal(email.mailto as unknown as vscode.Uri);
    log.appendLine(`Opening the pre-read in the mail app: ${opened ? 'done' : 'refused'}`);
  }
}

/** The error of a failed request, as its message (the server's reason). */
export function reason(err: unknown): string {
  const message = (err as { message?: unknown })?.message;
  return typeof message === 'string' && message.length > 0 ? message : String(err);
}
