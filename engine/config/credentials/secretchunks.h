// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keychain values too large for one entry are split into parts, each stored under its own key.
// The Windows Credential Manager caps a credential blob at 2560 bytes, and OAuth refresh tokens
// or JWT-style keys can exceed that; Nextcloud desktop splits the same way. Pure functions: the
// store decides the part size (0 = never split) and records the part count in its index.

#include <QByteArray>
#include <QList>
#include <QString>

namespace lip::config::credentials {

// Below the 2560-byte blob cap with room to spare for the backend's own encoding.
inline constexpr int kWindowsPartSize = 2048;
// A bound on what the store accepts at all (a key or token, not a file): 64 parts of 2048 bytes.
inline constexpr int kMaxSecretBytes = 128 * 1024;
inline constexpr int kMaxParts = 64;

// The part size used on this platform: kWindowsPartSize on Windows, 0 (no splitting) elsewhere.
int defaultPartSize();

// Splits `secret` into parts of at most `partSize` bytes (partSize <= 0: one part). An empty
// secret is one empty part.
QList<QByteArray> splitSecret(const QByteArray &secret, int partSize);

// Joins parts read back; they must be in order.
QByteArray joinParts(const QList<QByteArray> &parts);

// The keychain key of part `index` (0-based) of the entry `baseKey`: part 0 is the base key
// itself, so an unsplit value is stored exactly under its base key; later parts get ".part2"….
QString partKey(const QString &baseKey, int index);

} // namespace lip::config::credentials
