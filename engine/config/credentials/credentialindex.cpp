// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/credentials/credentialindex.h"

#include "config/credentials/secretchunks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace lip::config::credentials {

namespace {

int lineOfOffset(const QByteArray &text, qsizetype offset)
{
    return 1 + int(QByteArrayView(text).first(qBound<qsizetype>(0, offset, text.size())).count('\n'));
}

// The line where `needle` (a JSON string value) first appears, for error messages; 0 if unknown.
int lineOf(const QByteArray &text, const QString &needle)
{
    if (needle.isEmpty())
        return 0;
    const qsizetype at = text.indexOf(QJsonDocument(QJsonArray{needle}).toJson(QJsonDocument::Compact).sliced(1).chopped(1));
    return at < 0 ? 0 : lineOfOffset(text, at);
}

} // namespace

const IndexInstance *CredentialIndex::instance(const QString &name) const
{
    for (const IndexInstance &i : instances)
        if (i.name == name)
            return &i;
    return nullptr;
}

IndexInstance *CredentialIndex::instance(const QString &name)
{
    for (IndexInstance &i : instances)
        if (i.name == name)
            return &i;
    return nullptr;
}

int CredentialIndex::keyCount() const
{
    int n = 0;
    for (const IndexInstance &i : instances)
        n += int(i.keys.size());
    return n;
}

QString resolveDataDir(const QString &configured)
{
    if (!configured.trimmed().isEmpty())
        return configured.trimmed();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString indexFilePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("credentials.json"));
}

QString nameProblem(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (name.isEmpty())
        return QStringLiteral("is empty");
    if (name == QLatin1String(kProxyInstanceName))
        return {};
    if (name.size() > kMaxNameLength)
        return QStringLiteral("is longer than %1 characters").arg(kMaxNameLength);
    if (!valid.match(name).hasMatch())
        return QStringLiteral("may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit");
    return {};
}

QString keychainKey(const QString &storeId, const QString &instance, const QString &alias)
{
    return storeId + QLatin1Char('/') + instance + QLatin1Char('/') + alias;
}

Result<CredentialIndex> parseIndex(const QByteArray &json, const QString &fileName)
{
    auto fail = [&](int line, const QString &path, const QString &message) -> Error {
        const QString where = line > 0 ? QStringLiteral("%1:%2").arg(fileName).arg(line) : fileName;
        return Error::invalid(path.isEmpty() ? QStringLiteral("%1: %2").arg(where, message)
                                             : QStringLiteral("%1: '%2' %3").arg(where, path, message));
    };
    if (json.size() > kMaxIndexBytes)
        return fail(0, {}, QStringLiteral("is larger than %1 KiB; it should hold names only").arg(kMaxIndexBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(lineOfOffset(json, parseError.offset), {}, QStringLiteral("not valid JSON: ") + parseError.errorString());
    if (!doc.isObject())
        return fail(1, {}, QStringLiteral("must be a JSON object"));
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        static const QStringList known = {QStringLiteral("version"), QStringLiteral("store"), QStringLiteral("instances")};
        if (!known.contains(it.key()))
            return fail(lineOf(json, it.key()), it.key().left(40), QStringLiteral("is not a known key (known: version, store, instances)"));
    }
    if (root.value(QStringLiteral("version")).toInt(-1) != 1)
        return fail(lineOf(json, QStringLiteral("version")), QStringLiteral("version"), QStringLiteral("must be 1"));

    CredentialIndex index;
    const QJsonValue store = root.value(QStringLiteral("store"));
    if (!store.isUndefined()) {
        if (!store.isString() || !nameProblem(store.toString()).isEmpty())
            return fail(lineOf(json, QStringLiteral("store")), QStringLiteral("store"), QStringLiteral("must be an id of letters, digits and '-'"));
        index.storeId = store.toString();
    }
    const QJsonValue instances = root.value(QStringLiteral("instances"));
    if (!instances.isUndefined() && !instances.isArray())
        return fail(lineOf(json, QStringLiteral("instances")), QStringLiteral("instances"), QStringLiteral("must be a list"));
    const QJsonArray list = instances.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("instances[%1]").arg(i);
        const QJsonObject o = list.at(i).toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        if (const QString problem = nameProblem(name); !problem.isEmpty())
            return fail(lineOf(json, name), path + QStringLiteral(".name"), problem);
        if (index.instance(name))
            return fail(lineOf(json, name), path + QStringLiteral(".name"), QStringLiteral("'%1' is listed twice").arg(name));
        IndexInstance instance;
        instance.name = name;
        const QJsonArray keys = o.value(QStringLiteral("keys")).toArray();
        for (qsizetype k = 0; k < keys.size(); ++k) {
            const QString keyPath = QStringLiteral("%1.keys[%2]").arg(path).arg(k);
            const QJsonObject ko = keys.at(k).toObject();
            IndexKey key;
            key.alias = ko.value(QStringLiteral("alias")).toString();
            key.parts = ko.value(QStringLiteral("parts")).toInt(1);
            if (const QString problem = nameProblem(key.alias); !problem.isEmpty())
                return fail(lineOf(json, name), keyPath + QStringLiteral(".alias"), problem);
            if (key.parts < 1 || key.parts > kMaxParts)
                return fail(lineOf(json, key.alias), keyPath + QStringLiteral(".parts"), QStringLiteral("must be from 1 to %1").arg(kMaxParts));
            for (const IndexKey &other : instance.keys)
                if (other.alias == key.alias)
                    return fail(lineOf(json, key.alias), keyPath + QStringLiteral(".alias"), QStringLiteral("'%1' is listed twice").arg(key.alias));
            instance.keys.append(key);
        }
        if (!instance.keys.isEmpty())
            index.instances.push_back(std::move(instance));
    }
    if (index.keyCount() > 0 && index.storeId.isEmpty())
        return fail(0, QStringLiteral("store"), QStringLiteral("is missing"));
    return index;
}

QByteArray serializeIndex(const CredentialIndex &index)
{
    QJsonArray instances;
    for (const IndexInstance &i : index.instances) {
        if (i.keys.isEmpty())
            continue;
        QJsonArray keys;
        for (const IndexKey &k : i.keys)
            keys.append(QJsonObject{{QStringLiteral("alias"), k.alias}, {QStringLiteral("parts"), k.parts}});
        instances.append(QJsonObject{{QStringLiteral("name"), i.name}, {QStringLiteral("keys"), keys}});
    }
    QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("instances"), instances}};
    if (!index.storeId.isEmpty())
        root.insert(QStringLiteral("store"), index.storeId);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<CredentialIndex> loadIndex(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return CredentialIndex{};
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    if (file.size() > kMaxIndexBytes)
        return Error::invalid(QStringLiteral("%1: is larger than %2 KiB; it should hold names only").arg(path).arg(kMaxIndexBytes / 1024));
    return parseIndex(file.read(kMaxIndexBytes + 1), path);
}

QString saveIndex(const QString &path, CredentialIndex &index)
{
    if (index.storeId.isEmpty())
        index.storeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return QStringLiteral("%1: cannot create the directory").arg(dir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    file.write(serializeIndex(index));
    if (!file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace lip::config::credentials
