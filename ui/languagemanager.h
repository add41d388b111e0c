// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTranslator;

namespace lip::ui {

// Switches the UI language while the app runs: removes the installed translators, installs the
// chosen language's (ours from :/i18n and Qt's own), and Qt then sends QEvent::LanguageChange to
// every widget, which re-sets its texts (Page::retranslate, MainWindow, the tray menu).
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    struct Language
    {
        QString code;       // "" = follow the system, "en", "de", "zh_CN"
        QString nativeName; // "Deutsch", "简体中文"; for "" the caller shows tr("System")
    };

    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // "" (system) first, then English, then every language a .qm file exists for in :/i18n.
    static QList<Language> available();

    // "" = the system locale. Returns false when no translation exists for `code` (English is
    // then used, which is always available).
    bool setLanguage(const QString &code);
    QString language() const { return m_code; }

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_code;
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
};

} // namespace lip::ui
