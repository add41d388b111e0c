// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where requests go: the default backend, named failover routes (policy + ordered elements),
// model aliases and model rewrites. Shows the running config (the user's file, the app's own
// layer, the environment); every edit is validated as it is typed with the start-up loader
// (ConfigController::preview) and Apply saves it to the app's layer and applies it live.

#include "config/appconfig.h"
#include "pages/page.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTimer;

namespace lip::ui {

class RoutingPage : public Page
{
    Q_OBJECT
public:
    explicit RoutingPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("routing"); }
    QString title() const override { return tr("Routing"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/routing.svg")); }

    // The layer the page would save now (for tests and the window's "unsaved changes" prompt).
    config::AppLayer candidate() const;
    bool hasUnsavedChanges() const;
    // Runs the pending validation now instead of after the typing pause (tests, Apply).
    void validateNow();
    // Saves and applies; returns the error shown, empty on success.
    QString apply();
    // Re-reads the running config, dropping unsaved edits.
    void reload();

protected:
    void retranslate() override;

private:
    struct RouteItem
    {
        config::RouteConfig route;
        bool inLayer = false; // saved (or to be saved) in the app's layer
        QString origin;       // Config::origins-style, for the note
    };

    QGroupBox *buildDefaultBox();
    QGroupBox *buildRoutesBox();
    QGroupBox *buildAliasesBox();
    QGroupBox *buildRewritesBox();
    void scheduleValidation();
    void showRoute(int index);
    void routeEdited();
    void readElementsIntoRoute();
    void addRoute();
    void removeRoute();
    void addElement();
    void removeElement();
    void moveElement(int delta);
    void addAlias();
    void removeAlias();
    void addRewrite();
    void removeRewrite();
    void updateButtons();
    void showError(const QString &message);
    QString localProblem(const config::AppLayer &layer) const;

    ConfigController *m_controller = nullptr;
    std::vector<RouteItem> m_routes;
    int m_current = -1;
    bool m_loading = false;
    bool m_defaultTouched = false;
    bool m_rewritesTouched = false;
    bool m_valid = true;
    QString m_defaultOriginText;
    QTimer *m_validateTimer = nullptr;

    QGroupBox *m_defaultBox = nullptr;
    QLabel *m_defaultCaption = nullptr;
    QComboBox *m_default = nullptr;
    QLabel *m_defaultOrigin = nullptr;
    QLabel *m_defaultError = nullptr;

    QGroupBox *m_routesBox = nullptr;
    QListWidget *m_routeList = nullptr;
    QPushButton *m_addRoute = nullptr;
    QPushButton *m_removeRoute = nullptr;
    QLabel *m_routeNameCaption = nullptr;
    QLineEdit *m_routeName = nullptr;
    QLabel *m_policyCaption = nullptr;
    QComboBox *m_policy = nullptr;
    QLabel *m_elementsCaption = nullptr;
    QListWidget *m_elements = nullptr;
    QLineEdit *m_elementEdit = nullptr;
    QPushButton *m_addElement = nullptr;
    QPushButton *m_removeElement = nullptr;
    QPushButton *m_moveUp = nullptr;
    QPushButton *m_moveDown = nullptr;
    QLabel *m_routeOrigin = nullptr;
    QLabel *m_routeError = nullptr;

    QGroupBox *m_aliasesBox = nullptr;
    QTableWidget *m_aliases = nullptr;
    QPushButton *m_addAlias = nullptr;
    QPushButton *m_removeAlias = nullptr;
    QLabel *m_aliasError = nullptr;

    QGroupBox *m_rewritesBox = nullptr;
    QTableWidget *m_rewrites = nullptr;
    QPushButton *m_addRewrite = nullptr;
    QPushButton *m_removeRewrite = nullptr;
    QLabel *m_rewriteError = nullptr;

    QLabel *m_status = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace lip::ui
