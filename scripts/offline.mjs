// Preloaded (node --import) into tools that try to reach the internet on their own (electronegativity
// asks for translations and for Electron's release list). Every outgoing HTTP(S) request fails at
// once, so the tool takes its own offline path instead of hanging where the network drops packets.
import http from 'node:http';
import https from 'node:https';

function refuse() {
  const error = new Error('offline: this tool runs without network access');
  error.code = 'ELOTSEOFFLINE';
  throw error;
}
for (const mod of [http, https]) {
  mod.request = refuse;
  mod.get = refuse;
}
