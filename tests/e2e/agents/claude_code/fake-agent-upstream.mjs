#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Scripted fake provider for the Claude Code e2e test (Node builtins only).
//
//   node fake-agent-upstream.mjs [--port 0] [--key test-key] [--log FILE]
//
// Speaks the Anthropic Messages API (POST /v1/messages, /v1/messages/count_tokens; SSE with
// `event:` lines as the real API) and OpenAI Chat Completions (POST /v1/chat/completions).
// A request that offers the agent's `Bash` tool is the agent's main turn: without a tool result
// since the last user text it answers with one Bash call `echo hello-from-tool-$((6*7))`; once the
// tool result is there it answers `CLAUDE-E2E-DONE tool said: <result>`. The shell has to run
// for "hello-from-tool-42" to appear, so the marker proves a real tool round trip. Requests
// without that tool (title generation, haiku side calls, quota probes) get a short text.
// GET /__requests returns one summary per request; --log appends them as JSON lines.
import http from 'node:http';
import fs from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const PORT = Number(opt('--port', '0'));
const KEY = opt('--key', 'test-key');
const LOG = opt('--log', '');
const TOOL = 'Bash';
const COMMAND = 'echo hello-from-tool-$((6*7))';
const MARKER = 'CLAUDE-E2E-DONE';

const requests = [];
const issuedIds = new Set();
let seq = 0;

function record(entry) {
    requests.push(entry);
    const line = JSON.stringify(entry);
    console.log(`REQ ${line}`);
    if (LOG) fs.appendFileSync(LOG, line + '\n');
}

function send(res, status, obj, headers = {}) {
    const body = JSON.stringify(obj);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
}

function textOf(content) {
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return '';
    return content.map((b) => (typeof b === 'string' ? b : b?.text ?? (b?.content ? textOf(b.content) : ''))).join('');
}

// Claude Code appends <system-reminder> blocks to tool results: quote only the command's output.
function firstLine(text) {
    return (text ?? '').trim().split('\n')[0].trim();
}

// ---------------------------------------------------------------- Anthropic Messages

function anthropicAuthOk(req) {
    const key = req.headers['x-api-key'] ?? (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    return key === KEY;
}

function anthropicTurn(body) {
    const tools = Array.isArray(body.tools) ? body.tools.map((t) => t?.name).filter(Boolean) : [];
    const msgs = Array.isArray(body.messages) ? body.messages : [];
    const last = msgs[msgs.length - 1] ?? {};
    const results = Array.isArray(last.content) ? last.content.filter((b) => b?.type === 'tool_result') : [];
    const main = tools.includes(TOOL);
    let reply = 'side-text';
    let toolResult = null;
    let idMatches = null;
    if (main && last.role === 'user' && results.length > 0) {
        reply = 'final-text';
        toolResult = results.map((r) => textOf(r.content)).join('\n');
        idMatches = results.every((r) => issuedIds.has(r.tool_use_id));
    } else if (main) {
        reply = 'tool_use';
    }
    return { tools, reply, toolResult, idMatches, messages: msgs.length };
}

function anthropicBlocks(turn) {
    if (turn.reply === 'tool_use') {
        const id = `toolu_fake${String(++seq).padStart(4, '0')}`;
        issuedIds.add(id);
        return {
            stop: 'tool_use',
            blocks: [
                { type: 'text', text: 'I will run the command.' },
                { type: 'tool_use', id, name: TOOL, input: { command: COMMAND, description: 'Print a greeting' } },
            ],
        };
    }
    if (turn.reply === 'final-text') {
        return { stop: 'end_turn', blocks: [{ type: 'text', text: `${MARKER} tool said: ${firstLine(turn.toolResult)}` }] };
    }
    return { stop: 'end_turn', blocks: [{ type: 'text', text: 'Side answer' }] };
}

function anthropicMessages(req, res, body) {
    const turn = anthropicTurn(body);
    record({ path: req.url, dialect: 'anthropic', model: body.model, stream: !!body.stream, ...turn });
    const { stop, blocks } = anthropicBlocks(turn);
    const usage = { input_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 24 };
    const id = `msg_fake${String(++seq).padStart(4, '0')}`;
    if (!body.stream) {
        send(res, 200, {
            id, type: 'message', role: 'assistant', model: body.model, content: blocks,
            stop_reason: stop, stop_sequence: null, usage,
        }, { 'request-id': `req_${id}` });
        return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': `req_${id}` });
    const ev = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    ev('message_start', {
        message: {
            id, type: 'message', role: 'assistant', model: body.model, content: [],
            stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 },
        },
    });
    blocks.forEach((b, index) => {
        if (b.type === 'text') {
            ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
            if (index === 0) ev('ping', {});
            for (const piece of b.text.match(/.{1,12}/gs)) {
                ev('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
            }
        } else {
            ev('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
            const json = JSON.stringify(b.input);
            ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
            for (const piece of json.match(/.{1,10}/gs)) {
                ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
            }
        }
        ev('content_block_stop', { index });
    });
    ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
    ev('message_stop', {});
    res.end();
}

// ---------------------------------------------------------------- OpenAI Chat Completions

function chatTurn(body) {
    const tools = Array.isArray(body.tools) ? body.tools.map((t) => t?.function?.name).filter(Boolean) : [];
    const msgs = Array.isArray(body.messages) ? body.messages : [];
    // The tool messages answering the last assistant turn, if that is what the request ends with.
    const results = [];
    for (let i = msgs.length - 1; i >= 0 && msgs[i]?.role === 'tool'; --i) results.unshift(msgs[i]);
    const main = tools.includes(TOOL);
    let reply = 'side-text';
    let toolResult = null;
    let idMatches = null;
    if (main && results.length > 0) {
        reply = 'final-text';
        toolResult = results.map((m) => textOf(m.content)).join('\n');
        idMatches = results.every((m) => issuedIds.has(m.tool_call_id));
    } else if (main) {
        reply = 'tool_use';
    }
    return { tools, reply, toolResult, idMatches, messages: msgs.length };
}

function chatCompletions(req, res, body) {
    const turn = chatTurn(body);
    record({ path: req.url, dialect: 'openai', model: body.model, stream: !!body.stream, ...turn });
    const id = `chatcmpl-fake${String(++seq).padStart(4, '0')}`;
    const created = Math.floor(Date.now() / 1000);
    const usage = { prompt_tokens: 120, completion_tokens: 24, total_tokens: 144 };
    let content = 'Side answer';
    let toolCalls = null;
    let finish = 'stop';
    if (turn.reply === 'tool_use') {
        const callId = `call_fake${String(++seq).padStart(4, '0')}`;
        issuedIds.add(callId);
        content = 'I will run the command.';
        toolCalls = [{
            id: callId, type: 'function',
            function: { name: TOOL, arguments: JSON.stringify({ command: COMMAND, description: 'Print a greeting' }) },
        }];
        finish = 'tool_calls';
    } else if (turn.reply === 'final-text') {
        content = `${MARKER} tool said: ${firstLine(turn.toolResult)}`;
    }
    if (!body.stream) {
        const message = { role: 'assistant', content, refusal: null };
        if (toolCalls) message.tool_calls = toolCalls;
        send(res, 200, {
            id, object: 'chat.completion', created, model: body.model,
            choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage,
        });
        return;
    }
    const withUsage = !!body.stream_options?.include_usage;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const chunk = (delta, finishReason = null) => {
        const c = { id, object: 'chat.completion.chunk', created, model: body.model,
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
        if (withUsage) c.usage = null;
        res.write(`data: ${JSON.stringify(c)}\n\n`);
    };
    chunk({ role: 'assistant', content: '', refusal: null });
    for (const piece of content.match(/.{1,12}/gs)) chunk({ content: piece });
    if (toolCalls) {
        const tc = toolCalls[0];
        chunk({ tool_calls: [{ index: 0, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }] });
        for (const piece of tc.function.arguments.match(/.{1,10}/gs)) {
            chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
        }
    }
    chunk({}, finish);
    if (withUsage) {
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
}

// ---------------------------------------------------------------- server

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const url = (req.url ?? '').split('?')[0];
        if (req.method === 'GET' && url === '/__requests') return send(res, 200, requests);
        if (req.method === 'GET' && /\/models$/.test(url)) {
            return send(res, 200, { object: 'list', data: [{ id: 'fake-agent', object: 'model', created: 0, owned_by: 'fake' }] });
        }
        let body = {};
        try {
            body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
            record({ path: req.url, error: 'invalid JSON body' });
            return send(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
        }
        if (req.method === 'POST' && url.endsWith('/chat/completions')) {
            if ((req.headers.authorization ?? '') !== `Bearer ${KEY}`) {
                record({ path: req.url, error: 'bad key' });
                return send(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
            }
            return chatCompletions(req, res, body);
        }
        if (req.method === 'POST' && url.startsWith('/v1/messages')) {
            if (!anthropicAuthOk(req)) {
                record({ path: req.url, error: 'bad key' });
                return send(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
            }
            if (!req.headers['anthropic-version']) {
                record({ path: req.url, error: 'no anthropic-version' });
                return send(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
            }
            if (url.endsWith('/count_tokens')) {
                record({ path: req.url, dialect: 'anthropic', model: body.model, reply: 'count_tokens' });
                return send(res, 200, { input_tokens: Math.max(1, Math.ceil(JSON.stringify(body).length / 4)) });
            }
            return anthropicMessages(req, res, body);
        }
        record({ path: req.url, method: req.method, error: 'not found' });
        send(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${req.method} ${url}` } });
    });
});

server.listen(PORT, '127.0.0.1', () => {
    console.log(`fake-agent-upstream listening on http://127.0.0.1:${server.address().port}`);
});
