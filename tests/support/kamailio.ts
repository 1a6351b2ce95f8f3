import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from './processes.js';

export const KAMAILIO_PATH = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';

export interface RunningKamailio {
  /** ws://127.0.0.1:<port>, for JsSIP's WebSocketInterface. */
  wsUrl: string;
  /** The SIP domain users register under. */
  domain: string;
  stop(): Promise<void>;
}

/** Like chromiumAvailable: skip loudly on a developer machine, fail under CI=true. */
export function kamailioAvailable(): boolean {
  if (existsSync(KAMAILIO_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Kamailio is missing at ${KAMAILIO_PATH}; CI must install it (apt-get install kamailio kamailio-websocket-modules).`);
  }
  console.warn(`\n!!! Kamailio not found at ${KAMAILIO_PATH}: SKIPPING the SIP tests. Install it with: apt-get install kamailio kamailio-websocket-modules\n`);
  return false;
}

/** A throwaway SIP registrar and proxy for WebSocket clients, on loopback ports of its own. */
export async function startKamailio(): Promise<RunningKamailio> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kamailio-'));
  const sipPort = await freeUdpPort();
  const wsPort = await freePort();
  const configPath = path.join(dir, 'kamailio.cfg');
  await writeFile(configPath, kamailioConfig(sipPort, wsPort));

  // -DD keeps the main process in the foreground so SIGTERM reaches it; -E logs to stderr.
  const child = spawn(KAMAILIO_PATH, ['-DD', '-E', '-f', configPath, '-Y', dir, '-w', dir, '-m', '64', '-M', '8'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  try {
    await waitUntilListening(child, wsPort);
  } catch (error) {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Kamailio did not start: ${(error as Error).message}\n--- kamailio stderr ---\n${stderr}`);
  }

  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    domain: '127.0.0.1',
    async stop() {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registrar in memory and a proxy between WebSocket clients. There is NO authentication:
 * it listens on loopback only and serves tests. Module paths are Kamailio's compiled-in default.
 * Browsers register unreachable contacts (random.invalid;transport=ws), so the proxy records
 * the real connection as an `alias` on each contact and routes back over it with handle_ruri_alias.
 */
function kamailioConfig(sipPort: number, wsPort: number): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
children=2
auto_aliases=no
listen=udp:127.0.0.1:${sipPort}
listen=tcp:127.0.0.1:${wsPort}
# The WebSocket upgrade is an HTTP request without Content-Length.
tcp_accept_no_cl=yes

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"

modparam("usrloc", "db_mode", 0)
# JsSIP would otherwise take a GRUU as its Contact, which this proxy does not resolve.
modparam("registrar", "gruu_enabled", 0)

request_route {
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (nat_uac_test("64")) {
    force_rport();
    set_contact_alias();
  }
  if (has_totag()) {
    if (loose_route()) {
      handle_ruri_alias();
      t_relay();
      exit;
    }
    if (is_method("ACK")) {
      if (t_check_trans()) {
        t_relay();
      }
      exit;
    }
    sl_send_reply("404", "Not Here");
    exit;
  }
  if (is_method("CANCEL")) {
    if (t_check_trans()) {
      t_relay();
    }
    exit;
  }
  t_check_trans();
  if (is_method("REGISTER")) {
    save("location");
    exit;
  }
  if (!lookup("location")) {
    sl_send_reply("404", "Not Found");
    exit;
  }
  handle_ruri_alias();
  record_route();
  t_on_reply("FROM_WEBSOCKET");
  t_relay();
}

onreply_route[FROM_WEBSOCKET] {
  if (nat_uac_test("64")) {
    add_contact_alias();
  }
}

event_route[xhttp:request] {
  if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
    if (ws_handle_handshake()) {
      exit;
    }
  }
  xhttp_reply("404", "Not Found", "", "");
}
`;
}

async function waitUntilListening(child: ChildProcess, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`it exited (code ${child.exitCode}, signal ${child.signalCode})`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not accept connections within ${timeoutMs} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}



function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
