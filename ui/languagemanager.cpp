// SPDX-License-Identifier: GPL-3.0-or-later
#include "languagemanager.h"

#include "uilogging.h"
#include "uiresources.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace lip::ui {

namespace {
const QString Prefix = QStringLiteral("llm-interactive-proxy_");
const QString Dir = QStringLiteral(":/i18n");
} // namespace

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QList<LanguageManager::Language> LanguageManager::available()
{
    initResources();
    QList<Language> languages{{QString(), QString()}, {QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList files = QDir(Dir).entryList({Prefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(Prefix.size()).chopped(3);
        if (code.isEmpty() || code == QLatin1String("en") || code.startsWith(QLatin1String("en_")))
            continue;
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (code.contains(QLatin1Char('_')) && locale.script() == QLocale::SimplifiedHanScript)
            name = QStringLiteral("简体中文");
        if (name.isEmpty())
            name = code;
        else
            name[0] = name[0].toUpper();
        languages.append({code, name});
    }
    return languages;
}

void LanguageManager::removeTranslators()
{
    for (QTranslator **translator : {&m_app, &m_qt}) {
        if (*translator) {
            QCoreApplication::removeTranslator(*translator);
            delete *translator;
            *translator = nullptr;
        }
    }
}

bool LanguageManager::setLanguage(const QString &code)
{
    initResources();
    removeTranslators();
    m_code = code;
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    bool found = true;
    if (code != QLatin1String("en")) {
        auto *app = new QTranslator(this);
        if (app->load(locale, QStringLiteral("llm-interactive-proxy"), QStringLiteral("_"), Dir)) {
            m_app = app;
            QCoreApplication::installTranslator(m_app);
        } else {
            delete app;
            found = code.isEmpty(); // a system language we have no translation for is not an error
            qCDebug(lcUi) << "no translation for" << locale.name();
        }
        auto *qt = new QTranslator(this);
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            m_qt = qt;
            QCoreApplication::installTranslator(m_qt);
        } else {
            delete qt;
        }
    }
    // Removing a translator also posts LanguageChange, so switching back to English retranslates.
    Q_EMIT languageChanged(code);
    return found;
}

} // namespace lip::ui
