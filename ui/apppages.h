// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/page.h"

#include <QStringList>

namespace lip::ui {

class LanguageManager;
class MainWindow;

// Every page id in sidebar order (the app and the tests agree on it here).
QStringList appPageIds();

// Creates the app's pages in sidebar order and adds them to `window`. `languages` may be null.
// The Log page is filled from LogFeed only by uimain.cpp (tests feed it themselves).
void addAppPages(MainWindow &window, const AppContext &context, LanguageManager *languages);

} // namespace lip::ui
