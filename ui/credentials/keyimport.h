// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which variables of an environment or .env file are API keys the proxy knows, and what storing
// them in the keychain would do. Pure: the Credentials page shows the plan in a preview and
// stores only what the user confirmed.

#include "config/credentials/credentialset.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lip::ui::credentials {

struct ImportRow
{
    enum class Effect { New, Replaces, Same };

    QString variable; // "OPENAI_API_KEY_2"
    QString instance; // "openai"
    QString alias;    // the variable name: stable, so a second import finds the same key
    QString secret;
    Effect effect = Effect::New;
};

struct ImportPlan
{
    QList<ImportRow> rows;
    QStringList ignored; // variable names that are not keys of a known backend (names only)

    int changes() const;  // rows that would store something
};

// `variables`: name → value in source order. `instances`: instance names to recognize besides the
// known backend types ("openai.2", "my-ollama"). `current`: what the keychain holds now.
// Recognized: <PREFIX>API_KEY and <PREFIX>API_KEY_<N> (config/backendprofiles.h envPrefixFor), and
// a type's legacy variable. Empty values are ignored.
ImportPlan planImport(const QList<QPair<QString, QString>> &variables, const QStringList &instances,
                      const config::CredentialSet &current);

} // namespace lip::ui::credentials
