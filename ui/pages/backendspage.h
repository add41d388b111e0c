// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The configured backend instances: type, base URL, enabled, how many keys (by alias, never a
// value), health and circuit state from the engine's diagnostics (refreshed while the page is
// visible), Reactivate for an open circuit, the live model list, and Add instance. Changes are
// saved to the app's own layer as AppBackendOverride and applied live (ConfigController).

#include "config/appconfig.h"
#include "pages/page.h"

#include <QHash>
#include <QJsonObject>

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

class BackendsPage : public Page
{
    Q_OBJECT
public:
    explicit BackendsPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("backends"); }
    QString title() const override { return tr("Backends"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/backends.svg")); }

    // For tests and for the window: act on an instance as the controls do. Each returns the
    // error shown, empty on success.
    QString setInstanceEnabled(const QString &instance, bool enabled);
    QString setBaseUrlOverride(const QString &instance, const QString &url); // empty url: back to the config's
    QString addInstance(const QString &type, const QString &name, const QString &baseUrl = {});
    QString removeAddedInstance(const QString &instance);
    void selectInstance(const QString &instance);
    void refreshDiagnostics();
    // Diagnostics as the engine reported them (GET /v1/diagnostics), for the table.
    void setDiagnostics(const QJsonObject &diagnostics);

protected:
    void retranslate() override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QString commitOverride(const QString &instance, const std::function<void(config::AppBackendOverride &)> &change);
    void reload();
    void showSelected();
    void showHealth();
    QString selectedInstance() const;
    QString healthText(const QString &instance) const;
    QString circuitState(const QString &instance) const;
    void loadModels();
    void validateUrlSoon();
    void suggestName();

    ConfigController *m_controller = nullptr;
    QHash<QString, QJsonObject> m_diagnostics; // instance → its diagnostics entry
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_urlTimer = nullptr;
    bool m_loading = false;

    QGroupBox *m_listBox = nullptr;
    QTableWidget *m_table = nullptr;

    QGroupBox *m_detailBox = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_urlCaption = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QPushButton *m_saveUrl = nullptr;
    QPushButton *m_resetUrl = nullptr;
    QLabel *m_urlError = nullptr;
    QLabel *m_origin = nullptr;
    QLabel *m_health = nullptr;
    QPushButton *m_reactivate = nullptr;
    QPushButton *m_removeInstance = nullptr;
    QLabel *m_modelsCaption = nullptr;
    QListWidget *m_models = nullptr;
    QPushButton *m_loadModels = nullptr;
    QLabel *m_modelsError = nullptr;

    QGroupBox *m_addBox = nullptr;
    QLabel *m_typeCaption = nullptr;
    QComboBox *m_newType = nullptr;
    QLabel *m_nameCaption = nullptr;
    QLineEdit *m_newName = nullptr;
    QLabel *m_newUrlCaption = nullptr;
    QLineEdit *m_newUrl = nullptr;
    QPushButton *m_addInstance = nullptr;
    QLabel *m_addNote = nullptr;

    QLabel *m_status = nullptr;
};

} // namespace lip::ui
