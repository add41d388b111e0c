// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the shell tests share: an app context like uimain.cpp builds (real EngineClient, real
// ConfigController over a temporary app-config file and data dir), without the keychain.

#include "configcontroller.h"
#include "engine.h"
#include "pages/page.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lip::ui::test {

struct ShellFixture
{
    QTemporaryDir dir;
    config::CliOptions cli;
    QHash<QString, QString> env;
    std::unique_ptr<EngineClient> engine;
    std::unique_ptr<ConfigController> controller;
    AppContext context;

    // `layer` is written as the app-config file before the controller reads it.
    explicit ShellFixture(const config::AppLayer &layer = {}, bool fixedCliPort = true)
    {
        cli.dataDir = dir.filePath(QStringLiteral("data"));
        cli.appConfigFile = dir.filePath(QStringLiteral("app-config.yaml"));
        if (fixedCliPort)
            cli.port = 0; // ephemeral; the CLI wins over the layer
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-openai-0001"));
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test-0002"));
        const QString error = config::writeAppLayer(*cli.appConfigFile, layer);
        if (!error.isEmpty())
            qFatal("app layer not written: %s", qPrintable(error));
        engine = std::make_unique<EngineClient>();
        controller = std::make_unique<ConfigController>(engine.get(), cli, env, config::CredentialSet{});
        context.engine = engine.get();
        context.config = controller.get();
    }

    // Starts the engine with the controller's config; empty on success.
    QString start() { return engine->startAndWait(controller->config()); }
};

} // namespace lip::ui::test
