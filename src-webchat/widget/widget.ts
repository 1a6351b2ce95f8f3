// Embeddable chat bubble. A site adds
//   <script src="https://relay.example/widget.js" data-tenant="demo" async></script>
// and gets a button that opens the relay's /chat page in an iframe. Styles are set inline
// so the host page's CSS cannot break the widget (and ours cannot break the page).
// It runs on other companies' pages: no imports, so the bundle stays a few hundred bytes
// gzipped (vite.webchat.config.ts fails the build past its budget).

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Z';
const CLOSE_ICON = 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z';

const BUTTON_STYLE: Record<string, string> = {
  position: 'fixed', right: '20px', bottom: '20px', 'z-index': '2147483000',
  width: '60px', height: '60px', 'border-radius': '50%', border: '0', cursor: 'pointer',
  display: 'grid', 'place-items': 'center', color: '#fff',
  background: 'linear-gradient(135deg, #4f46e5 0%, #7c3aed 100%)',
  'box-shadow': '0 10px 30px rgba(79, 70, 229, 0.45)', transition: 'transform 0.15s',
};
const FRAME_STYLE: Record<string, string> = {
  position: 'fixed', right: '20px', bottom: '92px', 'z-index': '2147483000',
  width: 'min(400px, calc(100vw - 40px))', height: 'min(620px, calc(100vh - 120px))',
  border: '0', 'border-radius': '20px', background: '#fff',
  'box-shadow': '0 24px 60px rgba(15, 23, 42, 0.25)', display: 'none',
};

function style(node: HTMLElement, rules: Record<string, string>): void {
  for (const [key, value] of Object.entries(rules)) node.style.setProperty(key, value);
}

function icon(pathData: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '26');
  svg.setAttribute('height', '26');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', pathData);
  svg.appendChild(path);
  return svg;
}

/** The script tag that loaded us says which company's chat to open, and where the relay is. */
function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-tenant]');
}

function mountWidget(script: HTMLScriptElement): void {
  const origin = new URL(script.src, location.href).origin;
  const tenant = script.getAttribute('data-tenant') || '';
  const label = script.getAttribute('data-label') || 'Chat with us';
  const chatUrl = origin + '/chat?embedded=1' + (tenant ? '&tenant=' + encodeURIComponent(tenant) : '');
  let frame: HTMLIFrameElement | null = null;
  let open = false;

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-testid', 'chat-widget-button');
  button.appendChild(icon(CHAT_ICON));
  style(button, BUTTON_STYLE);
  button.addEventListener('mouseenter', () => {
    button.style.transform = 'scale(1.06)';
  });
  button.addEventListener('mouseleave', () => {
    button.style.transform = '';
  });
  button.addEventListener('click', toggle);

  function ensureFrame(): HTMLIFrameElement {
    if (frame) return frame;
    frame = document.createElement('iframe');
    frame.src = chatUrl;
    frame.title = label;
    frame.setAttribute('data-testid', 'chat-widget-frame');
    frame.setAttribute('allow', 'clipboard-write; microphone');
    style(frame, FRAME_STYLE);
    document.body.appendChild(frame);
    return frame;
  }

  function toggle(): void {
    open = !open;
    ensureFrame().style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
    button.replaceChildren(icon(open ? CLOSE_ICON : CHAT_ICON));
  }

  const mount = (): void => {
    document.body.appendChild(button);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

/** A page that includes the script twice still gets one bubble. */
const host = window as Window & { __gswChatWidget?: boolean };
if (!host.__gswChatWidget) {
  host.__gswChatWidget = true;
  const script = ownScript();
  if (script) mountWidget(script);
}
