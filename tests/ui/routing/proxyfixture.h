// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A running engine over two fake providers ("alpha" and "bravo", both OpenAI-style), a user
// config file and an app layer in a temporary directory, and a ConfigController over them: what
// the Routing and Backends page tests drive. Shared by tests/ui/routing and tests/ui/backends.

#include "config/configloader.h"
#include "configcontroller.h"
#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

namespace lip::test {

class ProxyFixture
{
public:
    QTemporaryDir dir;
    FakeProvider alpha;
    FakeProvider bravo;
    std::unique_ptr<EngineClient> engine;
    std::unique_ptr<ui::ConfigController> controller;
    config::CliOptions cli;

    QString userFile() const { return dir.filePath(QStringLiteral("config.yaml")); }
    QString layerFile() const { return dir.filePath(QStringLiteral("app/app-config.yaml")); }

    QByteArray userYaml() const
    {
        return QByteArray("host: 127.0.0.1\nport: 0\ndata_dir: ") + dir.filePath(QStringLiteral("data")).toUtf8()
               + "\ndefault_backend: alpha\nbackends:\n"
                 "  alpha:\n    type: openai\n    api_key: sk-fixture-alpha-0001\n    api_url: "
               + alpha.baseUrl().toString().toUtf8() + "/v1\n"
               + "  bravo:\n    type: openai\n    api_key: sk-fixture-bravo-0001\n    api_url: "
               + bravo.baseUrl().toString().toUtf8() + "/v1\n"
               + "failover_routes:\n  from-file:\n    policy: m\n    elements: [alpha:f1]\n";
    }

    // Returns an error text, empty when the engine runs.
    QString start()
    {
        if (!dir.isValid() || !alpha.listen() || !bravo.listen())
            return QStringLiteral("cannot set up the fixture");
        QFile file(userFile());
        if (!file.open(QIODevice::WriteOnly) || file.write(userYaml()) < 0)
            return QStringLiteral("cannot write the user file");
        file.close();
        cli.configFile = userFile();
        cli.appConfigFile = layerFile();
        const Result<config::Config> loaded = config::loadConfig(cli, {});
        if (!loaded)
            return loaded.error().message;
        engine = std::make_unique<EngineClient>();
        const QString error = engine->startAndWait(*loaded);
        if (!error.isEmpty())
            return error;
        controller = std::make_unique<ui::ConfigController>(engine.get(), cli, QHash<QString, QString>{},
                                                            config::CredentialSet{});
        return {};
    }

    quint16 port() const
    {
        return quint16(engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
    }

    ui::AppContext context() const
    {
        ui::AppContext c;
        c.engine = engine.get();
        c.config = controller.get();
        return c;
    }

    // One non-streamed chat request; returns the status (0: no answer) and fills `body`.
    int chat(const QByteArray &model, QByteArray *body = nullptr) const
    {
        RawHttpClient client(port());
        client.send("POST", "/v1/chat/completions",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))},
                    "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        if (!client.waitForEnd())
            return 0;
        if (body)
            *body = client.body();
        return client.status();
    }

    QByteArray readLayer() const
    {
        QFile f(layerFile());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

} // namespace lip::test
