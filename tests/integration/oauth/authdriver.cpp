// SPDX-License-Identifier: GPL-3.0-or-later
// `llm-interactive-proxy auth …` without the rest of the application: the same entry point
// main.cpp calls, linked with only the parts it needs, so the CLI test builds and runs even
// while unrelated parts of the engine are being changed.

#include "authcommand.h"
#include "signalwatcher.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    lip::app::installQuitOnSignal();
    QCoreApplication app(argc, argv);
    if (QCoreApplication::arguments().value(1) != QLatin1String("auth"))
        return 2;
    return lip::app::runAuthCommand(QCoreApplication::arguments().mid(2));
}
