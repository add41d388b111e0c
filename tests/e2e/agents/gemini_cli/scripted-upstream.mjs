// SPDX-License-Identifier: GPL-3.0-or-later
// Scripted fake provider for the Gemini CLI end-to-end test (Node builtins only).
//
//   node scripted-upstream.mjs [--port 0] [--key test-key]
//
// Speaks two backend dialects on one port:
//   Gemini v1beta  POST /v1beta/models/{model}:generateContent | :streamGenerateContent[?alt=sse]
//                  | :countTokens, GET /v1beta/models[/{model}]
//   OpenAI Chat    POST /v1/chat/completions (streamed or not), GET /v1/models
// Script, per request of the agent's main loop (a request that offers tools):
//   1. no tool result since the last user text -> one call of the agent's shell tool
//      (run_shell_command {"command":"echo hello-from-tool"}), or read_file if it has no shell tool;
//   2. a tool result is the last thing in the conversation -> final text
//      "LIP-AGENT-DONE tool-result=<seen|missing> ..." where "seen" means the tool's output
//      (hello-from-tool) came back in that result.
//   node scripted-upstream.mjs --check-log http://127.0.0.1:PORT/__requests --dialect gemini|openai-chat
// reads a running fake's log and exits 0 when a request in that dialect carried the shell tool's
// result (hello-from-tool) back, printing the evidence; 1 otherwise.
// Side requests without tools (next-speaker checks, routing, titles) get a short answer that fits a
// JSON schema when one is asked for. Every request is logged: GET /__requests (no auth) returns
// them, oldest first, with the key masked. Prints "scripted-upstream listening on http://..." once.
import http from 'node:http';

const args = process.argv.slice(2);
const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const port = Number(opt('--port', '0'));
const key = opt('--key', 'test-key');
const TOOL_OUTPUT = 'hello-from-tool';
const DONE = 'LIP-AGENT-DONE';
// The Gemini 3 API wants the thoughtSignature of a functionCall back with it; checking it proves
// the proxy's passthrough keeps it.
const SIGNATURE = 'c2lnLWxpcC1hZ2VudC1nZW1pbmktY2xp';

if (opt('--check-log', '')) {
    await checkLog(opt('--check-log', ''), opt('--dialect', 'gemini'));
}

// Prints what the proxy sent upstream and exits: 0 when the tool result reached the fake.
async function checkLog(url, dialect) {
    const log = await (await fetch(url)).json();
    let ok = false;
    for (const r of log) {
        const body = r.body || {};
        let tools = 0;
        let result = '';
        if (r.dialect === 'gemini') {
            tools = (body.tools || []).reduce((n, t) => n + (t.functionDeclarations || []).length, 0);
            const last = (body.contents || []).at(-1) || {};
            const fr = (last.parts || []).find((p) => p.functionResponse);
            if (fr) result = `functionResponse ${fr.functionResponse.name} ${JSON.stringify(fr.functionResponse.response)}`;
        } else {
            tools = (body.tools || []).length;
            const last = (body.messages || []).at(-1) || {};
            if (last.role === 'tool') result = `role=tool tool_call_id=${last.tool_call_id} ${JSON.stringify(last.content)}`;
        }
        const model = body.model || r.path.split('/').pop();
        console.log(`  #${r.seq} ${r.dialect} ${r.method} ${r.path} model=${model} tools=${tools}` +
            (result ? ` last=${result.slice(0, 160)}` : ''));
        if (r.dialect === dialect && result.includes(TOOL_OUTPUT)) ok = true;
    }
    if (!ok) console.log(`no ${dialect} request carried the tool result '${TOOL_OUTPUT}'`);
    process.exit(ok ? 0 : 1);
}

const requests = [];
let seq = 0;

const mask = (v) => (typeof v === 'string' && v.length > 4 ? '…' + v.slice(-4) : v);

function send(res, status, obj, headers = {}) {
    const body = JSON.stringify(obj);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
}

function authOk(req, url, dialect) {
    if (dialect === 'gemini') {
        return req.headers['x-goog-api-key'] === key || url.searchParams.get('key') === key;
    }
    return req.headers.authorization === `Bearer ${key}`;
}

// --- the script, shared by both dialects over a neutral view of the conversation ---

// tools: [names]; lastIsToolResult: bool; toolResultText: string
function decide(view) {
    if (view.lastIsToolResult) {
        const seen = view.toolResultText.includes(TOOL_OUTPUT);
        return {
            text: `${DONE} tool-result=${seen ? 'seen' : 'missing'} ` +
                `(the shell printed ${seen ? TOOL_OUTPUT : 'nothing I recognise'}).`,
        };
    }
    if (view.tools.includes('run_shell_command')) {
        return { call: { name: 'run_shell_command', args: { command: `echo ${TOOL_OUTPUT}`, description: 'Print a marker' } } };
    }
    if (view.tools.includes('read_file')) {
        return { call: { name: 'read_file', args: { file_path: view.readPath || 'marker.txt' } } };
    }
    return { text: `${DONE} no-usable-tool offered=[${view.tools.join(',')}]` };
}

// A side request asking for JSON: answer something every Gemini CLI helper schema accepts.
function sideAnswer(schema) {
    if (!schema) return 'OK';
    const props = (schema && (schema.properties || (schema.items && schema.items.properties))) || {};
    const out = {};
    for (const [name, p] of Object.entries(props)) {
        if (name === 'next_speaker') out[name] = 'user';
        else if (name === 'model_choice') out[name] = 'flash';
        else if (p && Array.isArray(p.enum) && p.enum.length) out[name] = p.enum[0];
        else if (p && (p.type === 'boolean' || p.type === 'BOOLEAN')) out[name] = false;
        else if (p && /number|integer/i.test(String(p.type))) out[name] = 0;
        else if (p && /array/i.test(String(p.type))) out[name] = [];
        else out[name] = 'ok';
    }
    return JSON.stringify(out);
}

// --- Gemini ---

function geminiView(body) {
    const tools = [];
    for (const t of body.tools || []) {
        for (const f of t.functionDeclarations || []) tools.push(f.name);
    }
    const contents = body.contents || [];
    const last = contents[contents.length - 1] || { parts: [] };
    const responses = (last.parts || []).filter((p) => p.functionResponse);
    const lastIsToolResult = responses.length > 0;
    const toolResultText = JSON.stringify(responses.map((p) => p.functionResponse.response));
    return { tools, lastIsToolResult, toolResultText, contents };
}

// Whether the model turn that made our call came back with its signature.
function signatureCameBack(contents) {
    for (const c of contents) {
        if (c.role !== 'model') continue;
        for (const p of c.parts || []) {
            if (p.functionCall && p.thoughtSignature === SIGNATURE) return true;
        }
    }
    return false;
}

function geminiChunks(body, model) {
    const view = geminiView(body);
    const usage = { promptTokenCount: 42, candidatesTokenCount: 7, totalTokenCount: 49 };
    let parts;
    if (view.tools.length === 0) {
        const gc = body.generationConfig || {};
        const schema = gc.responseJsonSchema || gc.responseSchema;
        parts = [{ text: sideAnswer(schema) }];
    } else {
        const d = decide(view);
        if (d.call) {
            parts = [{ functionCall: d.call, thoughtSignature: SIGNATURE }];
        } else {
            const sig = view.lastIsToolResult ? ` signature=${signatureCameBack(view.contents) ? 'kept' : 'lost'}` : '';
            parts = [{ text: d.text + sig }];
        }
    }
    const head = { candidates: [{ content: { role: 'model', parts }, index: 0 }], usageMetadata: usage, modelVersion: model };
    const tail = { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: usage, modelVersion: model };
    return [head, tail];
}

function handleGemini(req, res, url, body, rec) {
    const m = url.pathname.match(/^\/(v1beta|v1)\/models(?:\/(.+))?$/);
    if (!m) return send(res, 404, { error: { code: 404, message: `no route ${url.pathname}`, status: 'NOT_FOUND' } });
    const rest = m[2] ? decodeURIComponent(m[2]) : '';
    if (req.method === 'GET') {
        const model = (name) => ({ name: `models/${name}`, displayName: name, inputTokenLimit: 1048576, outputTokenLimit: 65536,
            supportedGenerationMethods: ['generateContent', 'countTokens'] });
        if (!rest) return send(res, 200, { models: [model('gemini-2.5-flash'), model('gemini-2.5-pro')] });
        return send(res, 200, model(rest));
    }
    const cut = rest.lastIndexOf(':');
    const modelName = cut >= 0 ? rest.slice(0, cut) : rest;
    const method = cut >= 0 ? rest.slice(cut + 1) : '';
    rec.method_name = method;
    if (method === 'countTokens') return send(res, 200, { totalTokens: 42 });
    if (method === 'generateContent') {
        const [head] = geminiChunks(body, modelName);
        head.candidates[0].finishReason = 'STOP';
        return send(res, 200, head);
    }
    if (method === 'streamGenerateContent') {
        const chunks = geminiChunks(body, modelName);
        if (url.searchParams.get('alt') === 'sse') {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\r\n\r\n`);
            return res.end();
        }
        return send(res, 200, chunks);
    }
    return send(res, 404, { error: { code: 404, message: `unknown method ${method}`, status: 'NOT_FOUND' } });
}

// --- OpenAI Chat ---

function chatView(body) {
    const tools = (body.tools || []).map((t) => (t.function || {}).name).filter(Boolean);
    const msgs = body.messages || [];
    const last = msgs[msgs.length - 1] || {};
    const lastIsToolResult = last.role === 'tool';
    const toolResultText = msgs.filter((mm) => mm.role === 'tool').map((mm) => JSON.stringify(mm.content)).join('\n');
    return { tools, lastIsToolResult, toolResultText };
}

function handleChat(req, res, url, body) {
    if (req.method === 'GET' && url.pathname === '/v1/models') {
        return send(res, 200, { object: 'list', data: ['gpt-4o', 'gpt-4o-mini'].map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' })) });
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
        return send(res, 404, { error: { message: `no route ${url.pathname}`, type: 'invalid_request_error' } });
    }
    const view = chatView(body);
    let d;
    if (view.tools.length === 0) {
        const rf = body.response_format || {};
        d = { text: sideAnswer(rf.json_schema && rf.json_schema.schema) };
    } else {
        d = decide(view);
    }
    const id = `chatcmpl-lip${seq}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model;
    const usage = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };
    const toolCall = d.call && { id: `call_lip${seq}`, type: 'function', function: { name: d.call.name, arguments: JSON.stringify(d.call.args) } };
    if (!body.stream) {
        const message = d.call ? { role: 'assistant', content: null, tool_calls: [toolCall] } : { role: 'assistant', content: d.text };
        return send(res, 200, { id, object: 'chat.completion', created, model,
            choices: [{ index: 0, message, finish_reason: d.call ? 'tool_calls' : 'stop' }], usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta, finish = null) => res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model,
        choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    chunk({ role: 'assistant', content: '' });
    if (d.call) {
        chunk({ tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: d.call.name, arguments: '' } }] });
        const a = toolCall.function.arguments;
        const half = Math.floor(a.length / 2);
        chunk({ tool_calls: [{ index: 0, function: { arguments: a.slice(0, half) } }] });
        chunk({ tool_calls: [{ index: 0, function: { arguments: a.slice(half) } }] });
        chunk({}, 'tool_calls');
    } else {
        const words = d.text.split(/(?<= )/);
        for (const w of words) chunk({ content: w });
        chunk({}, 'stop');
    }
    if (body.stream_options && body.stream_options.include_usage) {
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
}

// --- server ---

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const url = new URL(req.url, 'http://127.0.0.1');
        if (url.pathname === '/__requests') {
            const since = Number(url.searchParams.get('since') || 0);
            return send(res, 200, requests.filter((r) => r.seq > since));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        let body = {};
        if (raw) {
            try {
                body = JSON.parse(raw);
            } catch {
                return send(res, 400, { error: { code: 400, message: 'malformed JSON body', status: 'INVALID_ARGUMENT' } });
            }
        }
        const isGemini = url.pathname.startsWith('/v1beta/') || req.headers['x-goog-api-key'] !== undefined ||
            url.searchParams.has('key');
        const dialect = isGemini ? 'gemini' : 'openai-chat';
        const headers = { ...req.headers };
        for (const h of ['authorization', 'x-goog-api-key']) if (headers[h]) headers[h] = mask(headers[h]);
        const query = Object.fromEntries(url.searchParams);
        if (query.key) query.key = mask(query.key);
        const rec = { seq: ++seq, dialect, method: req.method, path: url.pathname, query, headers, body };
        requests.push(rec);
        if (!authOk(req, url, dialect)) {
            return isGemini
                ? send(res, 400, { error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } })
                : send(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
        }
        try {
            if (isGemini) handleGemini(req, res, url, body, rec);
            else handleChat(req, res, url, body);
        } catch (e) {
            send(res, 500, { error: { code: 500, message: String(e && e.stack || e), status: 'INTERNAL' } });
        }
    });
});

server.listen(port, '127.0.0.1', () => {
    console.log(`scripted-upstream listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
