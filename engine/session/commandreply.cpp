// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/commandreply.h"

#include <QRandomGenerator>

namespace lip::session {

canon::Events replyEvents(const std::string &text, const std::string &model)
{
    canon::Events events;
    canon::Event start;
    start.type = canon::EventType::MessageStart;
    start.id = "cmd" + QByteArray::number(QRandomGenerator::global()->generate64(), 16).toStdString();
    start.model = model;
    events.push_back(start);

    canon::Event blockStart;
    blockStart.type = canon::EventType::BlockStart;
    blockStart.index = 0;
    blockStart.blockKind = canon::BlockKind::Text;
    events.push_back(blockStart);

    canon::Event delta;
    delta.type = canon::EventType::TextDelta;
    delta.index = 0;
    delta.text = text;
    events.push_back(delta);

    canon::Event blockStop;
    blockStop.type = canon::EventType::BlockStop;
    blockStop.index = 0;
    events.push_back(blockStop);

    canon::Event usage;
    usage.type = canon::EventType::Usage;
    usage.usage.input = 0;
    usage.usage.output = 0;
    events.push_back(usage);

    canon::Event finish;
    finish.type = canon::EventType::Finish;
    finish.stop = canon::StopReason::EndTurn;
    events.push_back(finish);
    return events;
}

QByteArray sendCommandReply(const Frontend &frontend, const InboundRequest &inbound,
                            const server::ResponderPtr &responder, const QString &text)
{
    // The encoders read a few request fields (tools, instructions, the model); a body the
    // frontend cannot translate still gets an answer from a minimal request.
    Result<canon::Request> parsed = frontend.toCanonical(inbound);
    canon::Request request = parsed ? std::move(*parsed) : canon::Request{};
    request.model = inbound.model;
    request.stream = inbound.stream;
    std::unique_ptr<ResponseEncoder> encoder = frontend.encoderFor(request, inbound);
    QByteArray out;
    for (const canon::Event &event : replyEvents(text.toStdString(), inbound.model))
        encoder->encode(event, out);
    encoder->finish(out);
    if (!responder->isOpen())
        return out;
    if (inbound.stream) {
        responder->beginStream(200, {}, encoder->contentType());
        responder->write(out);
        responder->end();
    } else {
        responder->respond(200, {}, out, encoder->contentType());
    }
    return out;
}

} // namespace lip::session
