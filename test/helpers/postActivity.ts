/** POSTs an activity to the bot's /api/messages as a channel does (JSON); returns the HTTP response. */
export function postActivity(baseUrl: string, activity: object): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

/** A Teams message activity as Teams sends it, for one conversation; `fields` override or add. */
export function teamsMessage(
  serviceUrl: string,
  conversation: { id: string } & Record<string, unknown>,
  fields: object = {},
) {
  return {
    type: 'message',
    id: `${conversation.id}-1`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-000000000009' },
    recipient: { id: '28:bot', name: 'InvestorBot' },
    conversation,
    ...fields,
  };
}
