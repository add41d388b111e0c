// SPDX-License-Identifier: GPL-3.0-or-later
// In-chat commands through the real SDKs (openai, @anthropic-ai/sdk, @google/genai) against the
// built proxy and the shared fake provider's `echo` scenario, which answers with what reached it.
// Prints one PASS/FAIL line per check and "N passed, N failed"; exit status 1 on any failure.
// Env: OPENAI_BASE, ANTHROPIC_BASE, GEMINI_BASE, PROXY_KEY (as the shared harness).
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';

const env = {
  openaiBase: process.env.OPENAI_BASE || 'http://127.0.0.1:8000/v1',
  anthropicBase: process.env.ANTHROPIC_BASE || 'http://127.0.0.1:8000',
  geminiBase: process.env.GEMINI_BASE || 'http://127.0.0.1:8000',
  key: process.env.PROXY_KEY || 'test-key',
};
const TIMEOUT_MS = 20000;
const GREETING = 'Hello! This is the LLM Interactive Proxy.';

class Failure extends Error {}
const check = (cond, msg) => { if (!cond) throw new Failure(msg); };
const clip = (v) => { const s = typeof v === 'string' ? v : JSON.stringify(v); return s && s.length > 200 ? `${s.slice(0, 200)}…` : String(s); };
const echoOf = (text) => {
  let o; try { o = JSON.parse(text); } catch { throw new Failure(`not an echo reply (the provider did not answer?): ${clip(text)}`); }
  check(o.marker === 'FAKE-OK', `echo lacks the marker: ${clip(text)}`);
  return o;
};

// One client per SDK and dialect; each call is (session, model, text, stream) → reply text.
const clients = {
  chat: {
    model: 'openai:echo', upstream: 'openai-chat',
    async send(session, model, text, stream) {
      const c = new OpenAI({ apiKey: env.key, baseURL: env.openaiBase, maxRetries: 0, timeout: TIMEOUT_MS, defaultHeaders: { 'x-session-id': session } });
      const messages = [{ role: 'user', content: text }];
      if (!stream) {
        const r = await c.chat.completions.create({ model, messages });
        check(r.choices?.[0]?.finish_reason === 'stop', `finish_reason ${r.choices?.[0]?.finish_reason}`);
        return r.choices[0].message.content;
      }
      const s = c.chat.completions.stream({ model, messages, stream_options: { include_usage: true } });
      const final = await s.finalChatCompletion();
      check(final.choices?.[0]?.finish_reason === 'stop', `streamed finish_reason ${final.choices?.[0]?.finish_reason}`);
      return final.choices[0].message.content;
    },
  },
  responses: {
    model: 'openai-responses:echo', upstream: 'openai-responses',
    async send(session, model, text, stream) {
      const c = new OpenAI({ apiKey: env.key, baseURL: env.openaiBase, maxRetries: 0, timeout: TIMEOUT_MS, defaultHeaders: { 'x-session-id': session } });
      if (!stream) {
        const r = await c.responses.create({ model, input: text });
        check(r.status === 'completed', `status ${r.status}`);
        return r.output_text;
      }
      const s = c.responses.stream({ model, input: text });
      const final = await s.finalResponse();
      check(final.status === 'completed', `streamed status ${final.status} (no response.completed?)`);
      return final.output_text;
    },
  },
  anthropic: {
    model: 'anthropic:echo', upstream: 'anthropic',
    async send(session, model, text, stream) {
      const c = new Anthropic({ apiKey: env.key, baseURL: env.anthropicBase, maxRetries: 0, timeout: TIMEOUT_MS, defaultHeaders: { 'x-session-id': session } });
      const body = { model, max_tokens: 256, messages: [{ role: 'user', content: text }] };
      const m = stream ? await c.messages.stream(body).finalMessage() : await c.messages.create(body);
      check(m.stop_reason === 'end_turn', `stop_reason ${m.stop_reason}`);
      return m.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
    },
  },
  gemini: {
    model: 'gemini:echo', upstream: 'gemini',
    async send(session, model, text, stream) {
      const c = new GoogleGenAI({ vertexai: false, apiKey: env.key,
        httpOptions: { baseUrl: env.geminiBase, apiVersion: 'v1beta', timeout: TIMEOUT_MS, headers: { 'x-session-id': session } } });
      const req = { model, contents: [{ role: 'user', parts: [{ text }] }] };
      const textOf = (r) => (r?.candidates?.[0]?.content?.parts ?? []).filter((p) => typeof p.text === 'string' && !p.thought).map((p) => p.text).join('');
      if (!stream) {
        const r = await c.models.generateContent(req);
        check(r.candidates?.[0]?.finishReason === 'STOP', `finishReason ${r.candidates?.[0]?.finishReason}`);
        return textOf(r);
      }
      let out = ''; let finish;
      for await (const chunk of await c.models.generateContentStream(req)) {
        out += textOf(chunk);
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
      }
      check(finish === 'STOP', `streamed finishReason ${finish}`);
      return out;
    },
  },
};

let passed = 0; let failed = 0;
async function caseOf(name, body) {
  try { await body(); console.log(`PASS ${name}`); passed++; }
  catch (e) {
    const why = e instanceof Failure ? e.message : `${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}`;
    console.log(`FAIL ${name}: ${why.replace(/\s+/g, ' ').slice(0, 600)}`); failed++;
  }
}

const filter = new RegExp(process.argv[2] || '.');
let n = 0;
const session = (what) => `e2e-${what}-${process.pid}-${++n}`;

for (const [name, c] of Object.entries(clients)) {
  if (!filter.test(name)) continue;
  for (const stream of [false, true]) {
    const mode = stream ? 'stream' : 'plain';
    await caseOf(`${name}_${mode}_command_only`, async () => {
      const reply = await c.send(session('hello'), c.model, '!/hello', stream);
      check(reply.startsWith(GREETING), `reply: ${clip(reply)}`);
    });
    await caseOf(`${name}_${mode}_help`, async () => {
      const reply = await c.send(session('help'), c.model, '!/help', stream);
      check(reply.includes('!/create-failover-route(') && reply.includes('!/oneoff('), `help: ${clip(reply)}`);
    });
    await caseOf(`${name}_${mode}_command_with_text`, async () => {
      const s = session('text');
      const seen = echoOf(await c.send(s, c.model, 'What reached you?\n!/project(e2e-proj)', stream));
      check(seen.last_user === 'What reached you?', `upstream saw ${clip(seen.last_user)}`);
      check(seen.upstream === c.upstream, `answered by ${seen.upstream}`);
      const pwd = await c.send(s, c.model, '!/pwd', stream);
      check(pwd === 'Project: e2e-proj', `pwd: ${clip(pwd)}`);
    });
  }
  await caseOf(`${name}_oneoff_once`, async () => {
    const s = session('oneoff');
    const other = name === 'anthropic' ? 'gemini:echo' : 'anthropic:echo';
    const otherUpstream = name === 'anthropic' ? 'gemini' : 'anthropic';
    const ack = await c.send(s, c.model, `!/oneoff(${other})`, false);
    check(ack.includes('once'), `oneoff reply: ${clip(ack)}`);
    const first = echoOf(await c.send(s, c.model, 'first', false));
    check(first.upstream === otherUpstream, `first request went to ${first.upstream}, expected ${otherUpstream}`);
    check(first.last_user === 'first', `first: upstream saw ${clip(first.last_user)}`);
    const second = echoOf(await c.send(s, c.model, 'second', true));
    check(second.upstream === c.upstream, `second request went to ${second.upstream}, expected ${c.upstream}`);
  });
  await caseOf(`${name}_switch_backend_and_model`, async () => {
    const s = session('switch');
    const target = name === 'gemini' ? 'openai:echo' : 'gemini:echo';
    const targetUpstream = name === 'gemini' ? 'openai-chat' : 'gemini';
    const ack = await c.send(s, c.model, `!/model(${target})`, true);
    check(ack.startsWith('Set model'), `model reply: ${clip(ack)}`);
    const seen = echoOf(await c.send(s, c.model, 'switched?', false));
    check(seen.upstream === targetUpstream, `went to ${seen.upstream}, expected ${targetUpstream}`);
    check(seen.last_user === 'switched?', `upstream saw ${clip(seen.last_user)}`);
    await c.send(s, c.model, '!/unset(model)', false);
    const back = echoOf(await c.send(s, c.model, 'back', false));
    check(back.upstream === c.upstream, `after unset went to ${back.upstream}`);
    const bad = await c.send(s, c.model, '!/backend(nosuch)', false);
    check(bad.includes('Nothing changed') && bad.includes('configured backends'), `bad backend reply: ${clip(bad)}`);
  });
  await caseOf(`${name}_failover_route`, async () => {
    const s = session('route');
    const target = name === 'anthropic' ? 'openai:echo' : 'anthropic:echo';
    const targetUpstream = name === 'anthropic' ? 'openai-chat' : 'anthropic';
    for (const line of ['!/create-failover-route(name=e2e-route, policy=m)', `!/route-append(name=e2e-route, ${target})`, '!/model(e2e-route)']) {
      const reply = await c.send(s, c.model, line, false);
      check(!reply.includes('Nothing changed') && !reply.includes('Usage:'), `${line}: ${clip(reply)}`);
    }
    const listed = await c.send(s, c.model, '!/list-failover-routes', false);
    check(listed.includes('e2e-route (session, policy m)'), `list: ${clip(listed)}`);
    const seen = echoOf(await c.send(s, c.model, 'via route', true));
    check(seen.upstream === targetUpstream, `route went to ${seen.upstream}, expected ${targetUpstream}`);
    check(!JSON.stringify(seen).includes('!/'), `command text reached the provider: ${clip(seen)}`);
  });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
