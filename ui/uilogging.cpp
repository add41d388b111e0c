// SPDX-License-Identifier: GPL-3.0-or-later
#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "lip.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUiTray, "lip.ui.tray", QtInfoMsg)
