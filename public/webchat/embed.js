// The investor chat widget. Any page adds it with one line:
//   <script src="https://<bot host>/webchat/embed.js" async></script>
// It loads the stock Web Chat bundle and its token from the bot's own origin only (no CDN, fonts or analytics).
(() => {
  const script = document.currentScript;
  const origin = new URL(script ? script.src : location.href).origin;
  const german = (navigator.language || '').toLowerCase().startsWith('de');
  const locale = german ? 'de-DE' : 'en-US';
  const TEXT = german
    ? {
        open: 'Chat mit dem Investorenservice öffnen',
        close: 'Chat schließen',
        title: 'Investorenservice',
        loading: 'Chat wird geladen …',
        unavailable: 'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut.',
      }
    : {
        open: 'Open chat with Investor Services',
        close: 'Close chat',
        title: 'Investor Services',
        loading: 'Loading the chat …',
        unavailable: 'The chat is not available right now. Please try again in a minute.',
      };
  const STORAGE_KEY = 'investor-bot-chat';
  const STYLE_OPTIONS = {
    accent: '#00528c',
    botAvatarInitials: 'IS',
    botAvatarBackgroundColor: '#00528c',
    userAvatarInitials: german ? 'Sie' : 'You',
    // white bubbles: Adaptive Cards' subtle text (#767676) keeps a contrast of 4.5:1 on them
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#c8d3de',
    bubbleBorderRadius: 8,
    bubbleFromUserBackground: '#00528c',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 8,
    hideUploadButton: true,
    suggestedActionLayout: 'flow',
    primaryFont: '"Segoe UI", system-ui, -apple-system, Arial, sans-serif',
  };

  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `${origin}/webchat/widget.css`;
  document.head.appendChild(stylesheet);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'ibw-launcher';
  launcher.setAttribute('aria-label', TEXT.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'ibw-panel');
  launcher.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

  const panel = document.createElement('section');
  panel.id = 'ibw-panel';
  panel.className = 'ibw-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'ibw-title');
  panel.innerHTML =
    '<div class="ibw-header"><h2 id="ibw-title"></h2><button type="button" class="ibw-close"></button></div>' +
    '<div class="ibw-body"><p class="ibw-status" role="status"></p></div>';
  panel.querySelector('#ibw-title').textContent = TEXT.title;
  const closeButton = panel.querySelector('.ibw-close');
  closeButton.setAttribute('aria-label', TEXT.close);
  closeButton.textContent = '×';
  const body = panel.querySelector('.ibw-body');
  const status = panel.querySelector('.ibw-status');

  document.body.appendChild(panel);
  document.body.appendChild(launcher);

  let rendered = null;

  function loadBundle() {
    if (window.WebChat) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const bundle = document.createElement('script');
      bundle.src = `${origin}/webchat/webchat.js`;
      bundle.onload = () => resolve();
      bundle.onerror = () => reject(new Error('bundle'));
      document.head.appendChild(bundle);
    });
  }

  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    } catch {
      return null;
    }
  }

  function save(session) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  const absolute = (domain) => (domain.startsWith('/') ? origin + domain : domain);

  // when a token (a JWT) ends, or null when it cannot be read
  function expiryOf(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const { exp } = JSON.parse(atob(payload));
      return typeof exp === 'number' ? exp * 1000 : null;
    } catch {
      return null;
    }
  }

  // A reload keeps the conversation: the saved token is refreshed and the transcript read from the start. A refresh
  // revokes the token it replaces; one refused as too soon after the last (429) leaves the saved token valid.
  async function session() {
    const previous = saved();
    if (previous && previous.expiresAt - Date.now() > 60_000) {
      const refreshed = await fetch(`${absolute(previous.domain)}/tokens/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${previous.token}` },
      }).catch(() => null);
      if (refreshed?.ok) {
        const { token, expires_in } = await refreshed.json();
        const next = { ...previous, token, expiresAt: Date.now() + expires_in * 1000 };
        save(next);
        return { ...next, resume: true };
      }
      if (refreshed?.status === 429) return { ...previous, resume: true };
    }
    // the browser's locale, so that the welcome is in the investor's language
    const response = await fetch(`${origin}/api/chat-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
    if (!response.ok) throw new Error(`token ${response.status}`);
    const issued = await response.json();
    const next = {
      conversationId: issued.conversationId,
      token: issued.token,
      domain: issued.domain,
      expiresAt: Date.now() + issued.expires_in * 1000,
    };
    save(next);
    return { ...next, resume: false };
  }

  async function render() {
    status.textContent = TEXT.loading;
    await loadBundle();
    const chat = await session();
    const directLine = window.WebChat.createDirectLine({
      token: chat.token,
      domain: absolute(chat.domain),
      webSocket: false,
      ...(chat.resume ? { conversationId: chat.conversationId, watermark: '' } : {}),
    });
    // the client refreshes its token itself (every 15 minutes), which revokes the saved one: a reload needs the live one
    window.addEventListener('pagehide', () => {
      const live = directLine.token;
      if (typeof live !== 'string' || live === chat.token) return;
      const { resume, ...kept } = chat;
      save({ ...kept, token: live, expiresAt: expiryOf(live) ?? chat.expiresAt });
    });
    const host = document.createElement('div');
    host.style.height = '100%';
    body.replaceChildren(host);
    // once the bot confirms a lead (its reply carries the reference), every form above it is spent
    const store = window.WebChat.createStore({}, () => (next) => (action) => {
      const activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' ? action.payload.activity : null;
      if (activity?.channelData?.leadReference) setTimeout(disableSentForms, 0);
      return next(action);
    });
    window.WebChat.renderWebChat(
      { directLine, store, locale, styleOptions: STYLE_OPTIONS, sendTypingIndicator: true },
      host,
    );
    return host;
  }

  // the transcript's forms (the only cards with inputs) become inert: no second send, no stale "please tick"
  function disableSentForms() {
    for (const card of panel.querySelectorAll('.ac-adaptiveCard')) {
      if (!card.querySelector('input, textarea') || card.classList.contains('ibw-sent-form')) continue;
      card.classList.add('ibw-sent-form');
      card.inert = true;
      for (const control of card.querySelectorAll('input, textarea, button')) control.disabled = true;
    }
  }

  function focusSendBox() {
    let tries = 0;
    const attempt = () => {
      const input = panel.querySelector('input[type="text"], textarea');
      if (input) input.focus();
      else if (tries++ < 50) setTimeout(attempt, 100);
    };
    attempt();
  }

  async function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!rendered) {
      rendered = render().catch(() => {
        rendered = null;
        status.textContent = TEXT.unavailable;
        body.replaceChildren(status);
      });
    }
    await rendered;
    focusSendBox();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  // a conversation already open in this tab is shown again after a reload
  if (saved()) open();
})();
