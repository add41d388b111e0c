// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One page of the main window's sidebar. Pages get what they need through AppContext and talk
// to the engine only through EngineClient and ConfigController.

#include <QIcon>
#include <QString>
#include <QWidget>

namespace lip {
class EngineClient;
namespace config::credentials {
class CredentialStore;
}
namespace oauth {
class AccountManager;
}
} // namespace lip

namespace lip::ui {

class ConfigController;

// Everything a page may use; owned by uimain.cpp, outlives every page. Any pointer may be null in
// a test that does not need it; pages check.
struct AppContext
{
    EngineClient *engine = nullptr;
    ConfigController *config = nullptr;
    config::credentials::CredentialStore *credentials = nullptr;
    oauth::AccountManager *accounts = nullptr; // OAuth sign-in (engine/backends/oauth)
};

class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(const AppContext &context, QWidget *parent = nullptr) : QWidget(parent), m_context(context) {}

    // Stable id for tests, screenshots and --page: "overview", "credentials", "backends",
    // "routing", "accounts", "clients", "settings", "log".
    virtual QString pageId() const = 0;
    virtual QString title() const = 0; // tr()'d, for the sidebar
    virtual QIcon icon() const = 0;    // SVG from resources (":/icons/<id>.svg")

protected:
    // Pages re-set their visible texts here; called on QEvent::LanguageChange.
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

    const AppContext &context() const { return m_context; }

private:
    AppContext m_context;
};

} // namespace lip::ui
