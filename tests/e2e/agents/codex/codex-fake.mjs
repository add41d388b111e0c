// SPDX-License-Identifier: GPL-3.0-or-later
// Scripted provider for the Codex CLI end-to-end check (Node builtins only).
//
//   node codex-fake.mjs [--port 0] [--key test-key] [--port-file FILE]
//
// Speaks two dialects on one port, streamed the way the real APIs stream them:
//   POST /v1/responses          OpenAI Responses (event: lines, sequence_number, response.completed)
//   POST /v1/chat/completions   OpenAI Chat Completions (data: chunks, [DONE])
// Turn 1 (no tool result in the request): one function call of the shell tool Codex offers
// (exec_command / shell_command / shell, whichever the request's `tools` holds) running
// `echo hello-from-tool`. Turn 2 (a function_call_output / role "tool" message present): final
// text "CODEX-E2E-DONE tool output: <the output>", so the agent's answer proves the round trip.
// GET /__requests returns what arrived (method, path, upgrade header, tool names, tool result).
import http from 'node:http';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const KEY = opt('--key', 'test-key');
const PORT = Number(opt('--port', '0'));
const PORT_FILE = opt('--port-file', '');
const COMMAND = 'echo hello-from-tool';
const MARKER = 'CODEX-E2E-DONE';

const log = [];

// Picks the shell tool Codex offered and the arguments that run COMMAND with it.
function shellCall(toolNames) {
    if (toolNames.includes('exec_command'))
        return { name: 'exec_command', args: { cmd: COMMAND } };
    if (toolNames.includes('shell_command'))
        return { name: 'shell_command', args: { command: COMMAND } };
    if (toolNames.includes('shell'))
        return { name: 'shell', args: { command: ['bash', '-lc', COMMAND] } };
    return null;
}

// Tool output as text, whatever shape (string, content parts) it came in.
function outputText(o) {
    if (typeof o === 'string') return o;
    if (Array.isArray(o)) return o.map((p) => (typeof p === 'string' ? p : p?.text ?? '')).join('');
    if (o && typeof o === 'object') return o.content ?? o.output ?? JSON.stringify(o);
    return '';
}

function lastLine(text) {
    // Codex wraps output ("Chunk ID...\nOutput:\nhello-from-tool\n" or JSON {"output": ...}).
    try {
        const j = JSON.parse(text);
        if (j && typeof j.output === 'string') text = j.output;
    } catch { /* plain text */ }
    const m = /hello-from-tool/.exec(text);
    return m ? 'hello-from-tool' : text.trim().split('\n').pop() ?? '';
}

function sse(res) {
    res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
    });
}

function jsonError(res, status, message, type = 'invalid_request_error', code = null) {
    const body = JSON.stringify({ error: { message, type, param: null, code } });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
}

let counter = 0;
const nextId = (p) => `${p}_${Date.now().toString(36)}${(++counter).toString(36)}`;

function handleResponses(req, res, body, entry) {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const toolNames = tools.map((t) => t.name ?? t.function?.name ?? `<${t.type}>`);
    entry.tools = toolNames;
    const input = Array.isArray(body.input) ? body.input : [];
    let toolResult = null;
    for (let i = input.length - 1; i >= 0; --i) {
        const it = input[i];
        if (it?.type === 'function_call_output' || it?.type === 'custom_tool_call_output') {
            toolResult = outputText(it.output);
            entry.toolResultCallId = it.call_id ?? null;
            break;
        }
        if (it?.role === 'user') break;
    }
    entry.toolResult = toolResult;
    const model = body.model ?? 'unknown';
    const respId = nextId('resp');
    let seq = 0;
    const emit = (type, data) => {
        res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
    };
    const base = {
        id: respId, object: 'response', created_at: Math.floor(Date.now() / 1000), model,
        status: 'in_progress', output: [], tool_choice: body.tool_choice ?? 'auto', tools,
        parallel_tool_calls: body.parallel_tool_calls ?? false,
    };
    const usage = {
        input_tokens: 100, input_tokens_details: { cached_tokens: 0 },
        output_tokens: 20, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 120,
    };
    let item;
    if (toolResult === null) {
        const call = shellCall(toolNames);
        if (!call) return jsonError(res, 400, `no shell tool offered (tools: ${toolNames.join(', ')})`);
        entry.answered = `function_call ${call.name}`;
        item = {
            id: nextId('fc'), type: 'function_call', status: 'completed', call_id: nextId('call'),
            name: call.name, arguments: JSON.stringify(call.args),
        };
        entry.issuedCallId = item.call_id;
        sse(res);
        emit('response.created', { response: base });
        emit('response.in_progress', { response: base });
        emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
        const a = item.arguments;
        const half = Math.floor(a.length / 2);
        for (const d of [a.slice(0, half), a.slice(half)])
            emit('response.function_call_arguments.delta', { item_id: item.id, output_index: 0, delta: d });
        emit('response.function_call_arguments.done', { item_id: item.id, output_index: 0, name: item.name, arguments: a });
        emit('response.output_item.done', { output_index: 0, item });
    } else {
        const text = `${MARKER} tool output: ${lastLine(toolResult)}`;
        entry.answered = `text ${text}`;
        const msgId = nextId('msg');
        item = { id: msgId, type: 'message', status: 'completed', role: 'assistant',
            content: [{ type: 'output_text', text, annotations: [] }] };
        sse(res);
        emit('response.created', { response: base });
        emit('response.in_progress', { response: base });
        emit('response.output_item.added', { output_index: 0,
            item: { id: msgId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
        emit('response.content_part.added', { item_id: msgId, output_index: 0, content_index: 0,
            part: { type: 'output_text', text: '', annotations: [] } });
        for (const d of text.match(/.{1,8}/gs))
            emit('response.output_text.delta', { item_id: msgId, output_index: 0, content_index: 0, delta: d });
        emit('response.output_text.done', { item_id: msgId, output_index: 0, content_index: 0, text });
        emit('response.content_part.done', { item_id: msgId, output_index: 0, content_index: 0,
            part: { type: 'output_text', text, annotations: [] } });
        emit('response.output_item.done', { output_index: 0, item });
    }
    emit('response.completed', { response: { ...base, status: 'completed', output: [item], usage } });
    res.end();
}

function handleChat(req, res, body, entry) {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const toolNames = tools.map((t) => t.function?.name ?? t.name ?? `<${t.type}>`);
    entry.tools = toolNames;
    const msgs = Array.isArray(body.messages) ? body.messages : [];
    let toolResult = null;
    for (let i = msgs.length - 1; i >= 0; --i) {
        if (msgs[i]?.role === 'tool') {
            toolResult = outputText(msgs[i].content);
            entry.toolResultCallId = msgs[i].tool_call_id ?? null;
            break;
        }
        if (msgs[i]?.role === 'user') break;
    }
    entry.toolResult = toolResult;
    const id = nextId('chatcmpl');
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'unknown';
    const chunk = (delta, finish = null, extra = {}) =>
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model,
            choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
    const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
    if (body.stream !== true) {
        // Codex always streams; answer a plain request plainly anyway.
        entry.answered = 'non-stream request';
        return jsonError(res, 400, 'this scripted fake only streams');
    }
    if (toolResult === null) {
        const call = shellCall(toolNames);
        if (!call) return jsonError(res, 400, `no shell tool offered (tools: ${toolNames.join(', ')})`);
        entry.answered = `tool_call ${call.name}`;
        entry.issuedCallId = nextId('call');
        const a = JSON.stringify(call.args);
        const half = Math.floor(a.length / 2);
        sse(res);
        chunk({ role: 'assistant', content: null });
        chunk({ tool_calls: [{ index: 0, id: entry.issuedCallId, type: 'function',
            function: { name: call.name, arguments: a.slice(0, half) } }] });
        chunk({ tool_calls: [{ index: 0, function: { arguments: a.slice(half) } }] });
        chunk({}, 'tool_calls');
    } else {
        const text = `${MARKER} tool output: ${lastLine(toolResult)}`;
        entry.answered = `text ${text}`;
        sse(res);
        chunk({ role: 'assistant', content: '' });
        for (const d of text.match(/.{1,8}/gs)) chunk({ content: d });
        chunk({}, 'stop');
    }
    if (body.stream_options?.include_usage)
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
    res.write('data: [DONE]\n\n');
    res.end();
}

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const path = (req.url ?? '').split('?')[0];
        if (req.method === 'GET' && path === '/__requests') {
            const b = JSON.stringify(log, null, 1);
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(b);
        }
        const entry = { t: new Date().toISOString(), method: req.method, path,
            upgrade: req.headers.upgrade ?? null };
        log.push(entry);
        if (req.headers.authorization !== `Bearer ${KEY}`)
            return jsonError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
        if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
            const b = JSON.stringify({ object: 'list', data: [{ id: 'codex-fake', object: 'model', created: 0, owned_by: 'fake' }] });
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(b);
        }
        let body;
        try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
            return jsonError(res, 400, 'body is not JSON');
        }
        entry.model = body.model;
        entry.stream = body.stream;
        if (req.method === 'POST' && path === '/v1/responses') return handleResponses(req, res, body, entry);
        if (req.method === 'POST' && path === '/v1/chat/completions') return handleChat(req, res, body, entry);
        jsonError(res, 404, `no route ${req.method} ${path}`);
    });
});

// A WebSocket upgrade reaching the fake is recorded and refused (the proxy should never forward one).
server.on('upgrade', (req, socket) => {
    log.push({ t: new Date().toISOString(), method: req.method, path: req.url, upgrade: req.headers.upgrade ?? null,
        answered: '426 refused' });
    socket.end('HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
});

server.listen(PORT, '127.0.0.1', async () => {
    const port = server.address().port;
    if (PORT_FILE) {
        const fs = await import('node:fs');
        fs.writeFileSync(PORT_FILE, String(port));
    }
    console.log(`codex-fake listening on ${port}`);
});
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.close(() => process.exit(0)));
