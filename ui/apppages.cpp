// SPDX-License-Identifier: GPL-3.0-or-later
#include "apppages.h"

#include "mainwindow.h"
#include "pages/accountspage.h"
#include "pages/backendspage.h"
#include "pages/clientspage.h"
#include "pages/credentialspage.h"
#include "pages/logpage.h"
#include "pages/overviewpage.h"
#include "pages/routingpage.h"
#include "pages/settingspage.h"

namespace lip::ui {

QStringList appPageIds()
{
    return {QStringLiteral("overview"), QStringLiteral("credentials"), QStringLiteral("backends"),
            QStringLiteral("routing"),  QStringLiteral("accounts"),    QStringLiteral("clients"),
            QStringLiteral("settings"), QStringLiteral("log")};
}

void addAppPages(MainWindow &window, const AppContext &context, LanguageManager *languages)
{
    window.addPage(new OverviewPage(context));
    window.addPage(new CredentialsPage(context));
    window.addPage(new BackendsPage(context));
    window.addPage(new RoutingPage(context));
    window.addPage(new AccountsPage(context));
    window.addPage(new ClientsPage(context));
    auto *settings = new SettingsPage(context);
    settings->setLanguageManager(languages);
    window.addPage(settings);
    window.addPage(new LogPage(context));
}

} // namespace lip::ui
