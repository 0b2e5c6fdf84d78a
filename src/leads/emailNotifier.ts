import { createTransport } from 'nodemailer';
import type { Lead } from '../storage/leadStore.js';
import { DeliveryError, type Notifier } from './deliveryError.js';
import { leadEmailText } from './leadPayload.js';

export interface EmailOptions {
  smtpUrl: string;
  from: string;
  /** Inbox for contacts the documents give no e-mail address for. */
  fallbackTo: string;
  timeoutMs?: number;
}

/** E-mails the lead to its contact through the SMTP server; the Message-ID carries the reference for dedupe. */
export class EmailNotifier implements Notifier {
  private readonly transport;

  constructor(private readonly options: EmailOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async deliver(lead: Lead): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: lead.contact.email ?? this.options.fallbackTo,
        replyTo: lead.investor.email,
        subject: `Investor enquiry ${lead.reference} for ${lead.contact.name}`,
        text: leadEmailText(lead),
        messageId: `<${lead.reference}.lead@investor-enquiry-bot>`,
        headers: { 'X-Lead-Reference': lead.reference },
      });
    } catch (error) {
      throw classify(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

// Only codes go into the message: server replies can quote the recipient's or the investor's address.
function classify(error: unknown): DeliveryError {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  if (typeof responseCode === 'number') {
    const reason = `smtp: reply ${responseCode}`;
    // 4xx: try again later (greylisting, mailbox busy); 5xx: the server refuses this message for good
    return new DeliveryError(reason, responseCode >= 500 ? 'permanent' : 'retry');
  }
  // no reply at all (refused, timed out, TLS or login failure): the server or its settings may be fixed meanwhile
  return new DeliveryError(`smtp: ${code ?? 'error'}`, 'retry');
}
