// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer driver for the lean server's request-head parser and chunked decoder
// (engine/server/httpparser.*). Build with -DLIP_BUILD_FUZZERS=ON and clang, then e.g.
//   build/bin/httpserver_fuzz -max_len=8192 -timeout=2 corpus/
// The first input byte picks the mode so one target covers both pure functions, with whole and
// piecewise feeding checked against each other.

#include "server/httpparser.h"

#include <cstdint>
#include <cstdlib>

using namespace lip::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    HeadParseOptions options;
    options.maxHeadBytes = 4096;
    options.maxHeaderCount = 64;

    if ((mode & 1) == 0) {
        const HeadParseResult whole = parseRequestHead(input, options);
        if (whole.status == HeadParseResult::Complete
            && (whole.consumed <= 0 || whole.consumed > input.size() || whole.head.method.isEmpty()))
            std::abort();
        if (whole.status == HeadParseResult::Error && (whole.errorStatus < 400 || !whole.errorMessage))
            std::abort();
        // Feeding in steps with the resume hint must find the same head end.
        const qsizetype step = 1 + (mode >> 1);
        qsizetype resume = 0;
        for (qsizetype n = 0; n <= input.size(); n += step) {
            const HeadParseResult part = parseRequestHead(input.first(n), options, resume);
            if (part.status == HeadParseResult::Complete) {
                if (whole.status != HeadParseResult::Complete || part.consumed != whole.consumed)
                    std::abort();
                break;
            }
            if (part.status == HeadParseResult::Error)
                break;
            if (part.resumeScanAt > n)
                std::abort();
            resume = part.resumeScanAt;
        }
    } else {
        const qint64 maxBody = 1 << 16;
        ChunkedDecoder whole(maxBody);
        QByteArray out;
        qsizetype used = 0;
        const ChunkedDecoder::Status status = whole.feed(input, out, &used);
        if (used > input.size() || out.size() > maxBody)
            std::abort();
        // Byte-sized pieces must decode to the same payload and end at the same place.
        const qsizetype step = 1 + (mode >> 1);
        ChunkedDecoder pieces(maxBody);
        QByteArray out2;
        qsizetype total = 0;
        ChunkedDecoder::Status s = ChunkedDecoder::NeedMore;
        while (total < input.size() && s == ChunkedDecoder::NeedMore) {
            const qsizetype n = qMin(step, input.size() - total);
            qsizetype u = 0;
            s = pieces.feed(input.sliced(total, n), out2, &u);
            total += u;
        }
        if (s != status)
            std::abort();
        if (status == ChunkedDecoder::Done && (out2 != out || total != used))
            std::abort();
    }
    return 0;
}
