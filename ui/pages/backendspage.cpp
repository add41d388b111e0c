// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/backendspage.h"

#include "config/backendprofiles.h"
#include "configcontroller.h"
#include "engine.h"
#include "widgets/origintext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace lip::ui {

namespace {

constexpr int kRefreshMs = 3000;
constexpr int kValidationPauseMs = 300;

enum Column { ColInstance, ColType, ColUrl, ColEnabled, ColKeys, ColHealth, ColCount };

void setLabel(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLabel *makeLabel(const QString &name, bool error = false)
{
    auto *label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    if (error)
        label->setStyleSheet(QStringLiteral("color: palette(highlight); font-weight: bold;"));
    label->setVisible(false);
    return label;
}

QPushButton *makeButton(const QString &name)
{
    auto *button = new QPushButton;
    button->setObjectName(name);
    return button;
}

const config::AppBackendOverride *findOverride(const config::AppLayer &layer, const QString &name)
{
    const auto it = std::find_if(layer.backends.cbegin(), layer.backends.cend(),
                                 [&](const config::AppBackendOverride &o) { return o.name == name; });
    return it == layer.backends.cend() ? nullptr : &*it;
}

} // namespace

BackendsPage::BackendsPage(const AppContext &appContext, QWidget *parent) : Page(appContext, parent)
{
    m_controller = appContext.config;
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &BackendsPage::refreshDiagnostics);
    m_urlTimer = new QTimer(this);
    m_urlTimer->setSingleShot(true);
    m_urlTimer->setInterval(kValidationPauseMs);
    connect(m_urlTimer, &QTimer::timeout, this, &BackendsPage::validateUrlSoon);

    // The instances.
    m_listBox = new QGroupBox;
    m_table = new QTableWidget(0, ColCount);
    m_table->setObjectName(QStringLiteral("backends"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(160);
    connect(m_table, &QTableWidget::currentCellChanged, this, &BackendsPage::showSelected);
    auto *listLayout = new QVBoxLayout(m_listBox);
    listLayout->addWidget(m_table);

    // The selected instance.
    m_detailBox = new QGroupBox;
    m_enabled = new QCheckBox;
    m_enabled->setObjectName(QStringLiteral("enabled"));
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading)
            setInstanceEnabled(selectedInstance(), on);
    });
    m_urlCaption = new QLabel;
    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_urlCaption->setBuddy(m_baseUrl);
    connect(m_baseUrl, &QLineEdit::textEdited, this, [this] {
        m_saveUrl->setEnabled(false); // until the pending check has passed
        m_urlTimer->start();
    });
    m_saveUrl = makeButton(QStringLiteral("saveUrl"));
    connect(m_saveUrl, &QPushButton::clicked, this, [this] { setBaseUrlOverride(selectedInstance(), m_baseUrl->text()); });
    m_resetUrl = makeButton(QStringLiteral("resetUrl"));
    connect(m_resetUrl, &QPushButton::clicked, this, [this] { setBaseUrlOverride(selectedInstance(), QString()); });
    m_urlError = makeLabel(QStringLiteral("urlError"), true);
    m_origin = makeLabel(QStringLiteral("origin"));
    m_health = makeLabel(QStringLiteral("health"));
    m_reactivate = makeButton(QStringLiteral("reactivate"));
    connect(m_reactivate, &QPushButton::clicked, this, [this] {
        if (context().engine && !selectedInstance().isEmpty()) {
            context().engine->reactivate(selectedInstance());
            refreshDiagnostics();
        }
    });
    m_removeInstance = makeButton(QStringLiteral("removeInstance"));
    connect(m_removeInstance, &QPushButton::clicked, this, [this] { removeAddedInstance(selectedInstance()); });
    m_modelsCaption = new QLabel;
    m_models = new QListWidget;
    m_models->setObjectName(QStringLiteral("models"));
    m_modelsCaption->setBuddy(m_models);
    m_loadModels = makeButton(QStringLiteral("loadModels"));
    connect(m_loadModels, &QPushButton::clicked, this, &BackendsPage::loadModels);
    m_modelsError = makeLabel(QStringLiteral("modelsError"), true);

    auto *detail = new QGridLayout(m_detailBox);
    detail->addWidget(m_enabled, 0, 1);
    detail->addWidget(m_urlCaption, 1, 0);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_baseUrl, 1);
    urlRow->addWidget(m_saveUrl);
    urlRow->addWidget(m_resetUrl);
    detail->addLayout(urlRow, 1, 1);
    detail->addWidget(m_urlError, 2, 1);
    detail->addWidget(m_origin, 3, 1);
    auto *healthRow = new QHBoxLayout;
    healthRow->addWidget(m_health, 1);
    healthRow->addWidget(m_reactivate);
    healthRow->addWidget(m_removeInstance);
    detail->addLayout(healthRow, 4, 1);
    detail->addWidget(m_modelsCaption, 5, 0, Qt::AlignTop);
    auto *modelsColumn = new QVBoxLayout;
    modelsColumn->addWidget(m_models);
    auto *modelsButtons = new QHBoxLayout;
    modelsButtons->addWidget(m_loadModels);
    modelsButtons->addStretch(1);
    modelsColumn->addLayout(modelsButtons);
    modelsColumn->addWidget(m_modelsError);
    detail->addLayout(modelsColumn, 5, 1);
    detail->setColumnStretch(1, 1);

    // Adding an instance.
    m_addBox = new QGroupBox;
    m_typeCaption = new QLabel;
    m_newType = new QComboBox;
    m_newType->setObjectName(QStringLiteral("newType"));
    m_newType->addItems(config::knownBackendTypes());
    m_typeCaption->setBuddy(m_newType);
    connect(m_newType, &QComboBox::currentIndexChanged, this, &BackendsPage::suggestName);
    m_nameCaption = new QLabel;
    m_newName = new QLineEdit;
    m_newName->setObjectName(QStringLiteral("newName"));
    m_nameCaption->setBuddy(m_newName);
    m_newUrlCaption = new QLabel;
    m_newUrl = new QLineEdit;
    m_newUrl->setObjectName(QStringLiteral("newUrl"));
    m_newUrlCaption->setBuddy(m_newUrl);
    m_addInstance = makeButton(QStringLiteral("addInstance"));
    connect(m_addInstance, &QPushButton::clicked, this,
            [this] {
                const QString name = m_newName->text().trimmed();
                addInstance(m_newType->currentText(), name.isEmpty() ? m_newName->placeholderText() : name,
                            m_newUrl->text().trimmed());
            });
    m_addNote = new QLabel;
    m_addNote->setWordWrap(true);
    auto *add = new QGridLayout(m_addBox);
    add->addWidget(m_typeCaption, 0, 0);
    add->addWidget(m_newType, 0, 1);
    add->addWidget(m_nameCaption, 1, 0);
    add->addWidget(m_newName, 1, 1);
    add->addWidget(m_newUrlCaption, 2, 0);
    add->addWidget(m_newUrl, 2, 1);
    add->addWidget(m_addInstance, 3, 1, Qt::AlignLeft);
    add->addWidget(m_addNote, 4, 1);
    add->setColumnStretch(1, 1);

    m_status = makeLabel(QStringLiteral("status"));

    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(m_listBox);
    column->addWidget(m_detailBox);
    column->addWidget(m_addBox);
    column->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The fields inside take focus; the area itself is not a control.
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_status);

    if (m_controller)
        connect(m_controller, &ConfigController::configChanged, this, &BackendsPage::reload);

    retranslate();
    reload();
    suggestName();
}

void BackendsPage::retranslate()
{
    m_listBox->setTitle(tr("Backend instances"));
    m_table->setHorizontalHeaderLabels({tr("Instance"), tr("Type"), tr("Base URL"), tr("Enabled"), tr("Keys"), tr("Health")});
    m_table->setAccessibleName(tr("Backend instances"));
    m_detailBox->setTitle(tr("Selected instance"));
    m_enabled->setText(tr("&Enabled"));
    m_enabled->setAccessibleName(tr("Instance enabled"));
    m_urlCaption->setText(tr("Base &URL:"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(tr("the type's default"));
    m_saveUrl->setText(tr("&Save URL"));
    m_saveUrl->setAccessibleName(tr("Save base URL"));
    m_resetUrl->setText(tr("Use config's UR&L"));
    m_resetUrl->setAccessibleName(tr("Use the base URL from the config file"));
    m_urlError->setAccessibleName(tr("Base URL error"));
    m_origin->setAccessibleName(tr("Where the settings come from"));
    m_health->setAccessibleName(tr("Health"));
    m_reactivate->setText(tr("Re&activate"));
    m_reactivate->setAccessibleName(tr("Reactivate: close the circuit and clear key cooldowns"));
    m_removeInstance->setText(tr("Remo&ve instance"));
    m_removeInstance->setAccessibleName(tr("Remove the instance added here"));
    m_modelsCaption->setText(tr("&Models:"));
    m_models->setAccessibleName(tr("Models the backend lists"));
    m_loadModels->setText(tr("Load m&odels"));
    m_loadModels->setAccessibleName(tr("Load the model list from the backend"));
    m_modelsError->setAccessibleName(tr("Model list error"));
    m_addBox->setTitle(tr("Add instance"));
    m_typeCaption->setText(tr("&Type:"));
    m_newType->setAccessibleName(tr("Type of the new instance"));
    m_nameCaption->setText(tr("&Name:"));
    m_newName->setAccessibleName(tr("Name of the new instance"));
    m_newUrlCaption->setText(tr("Base U&RL:"));
    m_newUrl->setAccessibleName(tr("Base URL of the new instance (optional)"));
    m_newUrl->setPlaceholderText(tr("optional: the type's default"));
    m_addInstance->setText(tr("Add &instance"));
    m_addInstance->setAccessibleName(tr("Add instance"));
    m_addNote->setText(tr("Keys are added on the Credentials page; an instance without a key is not used."));
    m_status->setAccessibleName(tr("Status"));
    if (m_controller)
        reload();
}

void BackendsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    refreshDiagnostics();
    m_refreshTimer->start();
}

void BackendsPage::hideEvent(QHideEvent *event)
{
    m_refreshTimer->stop();
    Page::hideEvent(event);
}

void BackendsPage::refreshDiagnostics()
{
    if (!context().engine)
        return;
    context().engine->fetchDiagnostics(this, [this](const QJsonObject &diagnostics) { setDiagnostics(diagnostics); });
}

void BackendsPage::setDiagnostics(const QJsonObject &diagnostics)
{
    m_diagnostics.clear();
    const QJsonArray backends = diagnostics.value(QStringLiteral("backends")).toArray();
    for (const QJsonValue &entry : backends) {
        const QJsonObject o = entry.toObject();
        m_diagnostics.insert(o.value(QStringLiteral("instance")).toString(), o);
    }
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString instance = m_table->item(row, ColInstance)->text();
        m_table->item(row, ColHealth)->setText(healthText(instance));
    }
    // Only the health part: a refresh must not undo what the user is typing.
    showHealth();
}

void BackendsPage::showHealth()
{
    const QString name = selectedInstance();
    const QString state = circuitState(name);
    setLabel(m_health, name.isEmpty() ? QString() : healthText(name));
    m_reactivate->setEnabled(!name.isEmpty() && (state == QLatin1String("open") || state == QLatin1String("half_open")));
}

QString BackendsPage::circuitState(const QString &instance) const
{
    return m_diagnostics.value(instance).value(QStringLiteral("circuit")).toObject().value(QStringLiteral("state")).toString();
}

QString BackendsPage::healthText(const QString &instance) const
{
    if (!m_diagnostics.contains(instance))
        return tr("not running");
    const QJsonObject entry = m_diagnostics.value(instance);
    const QJsonObject circuit = entry.value(QStringLiteral("circuit")).toObject();
    const QJsonArray keys = entry.value(QStringLiteral("keys")).toArray();
    int available = 0;
    for (const QJsonValue &k : keys)
        available += k.toObject().value(QStringLiteral("available")).toBool() ? 1 : 0;
    const QString state = circuit.value(QStringLiteral("state")).toString();
    QString text;
    if (state == QLatin1String("open")) {
        const QDateTime retry = QDateTime::fromString(circuit.value(QStringLiteral("retry_at")).toString(), Qt::ISODateWithMs);
        text = retry.isValid() ? tr("circuit open until %1").arg(QLocale().toString(retry.toLocalTime().time(), QLocale::ShortFormat))
                               : tr("circuit open");
    } else if (state == QLatin1String("half_open")) {
        text = tr("probing after failures");
    } else {
        text = tr("healthy");
    }
    if (!keys.isEmpty())
        text += QLatin1String(", ") + tr("%1 of %2 keys ready").arg(available).arg(keys.size());
    return text;
}

QString BackendsPage::selectedInstance() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, ColInstance))
        return {};
    return m_table->item(row, ColInstance)->text();
}

void BackendsPage::selectInstance(const QString &instance)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, ColInstance)->text() == instance) {
            m_table->setCurrentCell(row, ColInstance);
            return;
        }
    }
}

void BackendsPage::reload()
{
    const QString selected = selectedInstance();
    m_loading = true;
    m_table->setRowCount(0);
    const config::Config cfg = m_controller ? m_controller->config() : config::Config{};
    const config::AppLayer layer = m_controller ? m_controller->layer() : config::AppLayer{};
    auto addRow = [&](const QString &name, const QString &type, const QString &url, bool enabled, const QString &keys) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells = {name, type, url, enabled ? tr("yes") : tr("no"), keys, healthText(name)};
        for (int c = 0; c < ColCount; ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    };
    for (const config::BackendConfig &b : cfg.backends) {
        QString keys;
        if (!b.keyAliases.isEmpty())
            keys = tr("%n key(s): %1", nullptr, int(b.keyAliases.size())).arg(b.keyAliases.join(QLatin1String(", ")));
        else
            keys = tr("none needed");
        addRow(b.name, b.type, b.baseUrl, b.enabled, keys);
    }
    // Instances added here that the proxy skips until they have a key.
    for (const config::AppBackendOverride &o : layer.backends) {
        if (o.type.isEmpty() || cfg.backend(o.name))
            continue;
        addRow(o.name, o.type, o.baseUrl.value_or(QString()), o.enabled.value_or(true), tr("none yet: add one on the Credentials page"));
    }
    m_loading = false;
    selectInstance(selected);
    if (m_table->currentRow() < 0 && m_table->rowCount() > 0)
        m_table->setCurrentCell(0, ColInstance);
    showSelected();
}

void BackendsPage::showSelected()
{
    const QString name = selectedInstance();
    const bool has = !name.isEmpty();
    const config::Config cfg = m_controller ? m_controller->config() : config::Config{};
    const config::AppLayer layer = m_controller ? m_controller->layer() : config::AppLayer{};
    const config::BackendConfig *b = cfg.backend(name);
    const config::AppBackendOverride *o = findOverride(layer, name);
    const QString layerPath = m_controller ? m_controller->layerPath() : QString();

    m_loading = true;
    m_enabled->setChecked(b ? b->enabled : (o ? o->enabled.value_or(true) : false));
    if (!m_baseUrl->hasFocus() || !has)
        m_baseUrl->setText(b ? b->baseUrl : (o ? o->baseUrl.value_or(QString()) : QString()));
    m_loading = false;
    for (QWidget *w : std::initializer_list<QWidget *>{m_enabled, m_baseUrl, m_saveUrl, m_loadModels})
        w->setEnabled(has);
    m_resetUrl->setEnabled(o && o->baseUrl.has_value());
    m_removeInstance->setVisible(o && !o->type.isEmpty());

    QStringList notes;
    const QString path = QStringLiteral("backends.") + name;
    for (const QString &key : {QStringLiteral(".enabled"), QStringLiteral(".api_url")}) {
        const QString origin = cfg.origins.value(path + key);
        const QString note = originNote(origin, layerPath);
        if (!note.isEmpty())
            notes << (key == QLatin1String(".enabled") ? tr("Enabled: %1") : tr("URL: %1")).arg(note);
        if (originOverridesApp(origin) && key == QLatin1String(".api_url"))
            m_saveUrl->setEnabled(false); // the environment would win anyway
    }
    setLabel(m_origin, notes.join(QLatin1Char('\n')));

    showHealth();
}

QString BackendsPage::commitOverride(const QString &instance,
                                     const std::function<void(config::AppBackendOverride &)> &change)
{
    if (!m_controller || instance.isEmpty())
        return tr("No instance selected.");
    config::AppLayer layer = m_controller->layer();
    auto it = std::find_if(layer.backends.begin(), layer.backends.end(),
                           [&](const config::AppBackendOverride &o) { return o.name == instance; });
    if (it == layer.backends.end()) {
        config::AppBackendOverride o;
        o.name = instance;
        layer.backends.push_back(o);
        it = std::prev(layer.backends.end());
    }
    change(*it);
    if (it->type.isEmpty() && !it->enabled && !it->baseUrl)
        layer.backends.erase(it); // nothing left to override
    const QString error = m_controller->commit(layer);
    setLabel(m_status, withoutLayerLocation(error, m_controller->layerPath()));
    if (!error.isEmpty())
        showSelected(); // back to what runs
    return error;
}

QString BackendsPage::setInstanceEnabled(const QString &instance, bool enabled)
{
    return commitOverride(instance, [enabled](config::AppBackendOverride &o) { o.enabled = enabled; });
}

QString BackendsPage::setBaseUrlOverride(const QString &instance, const QString &url)
{
    const QString trimmed = url.trimmed();
    const QString error = commitOverride(instance, [&](config::AppBackendOverride &o) {
        o.baseUrl = trimmed.isEmpty() ? std::nullopt : std::optional<QString>(trimmed);
    });
    setLabel(m_urlError, error.isEmpty() ? QString() : withoutLayerLocation(error, m_controller ? m_controller->layerPath() : QString()));
    if (!error.isEmpty())
        setLabel(m_status, {});
    return error;
}

// Checks the URL being typed with the loader, without saving it.
void BackendsPage::validateUrlSoon()
{
    const QString instance = selectedInstance();
    if (!m_controller || instance.isEmpty())
        return;
    config::AppLayer layer = m_controller->layer();
    auto it = std::find_if(layer.backends.begin(), layer.backends.end(),
                           [&](const config::AppBackendOverride &o) { return o.name == instance; });
    if (it == layer.backends.end()) {
        layer.backends.push_back({});
        it = std::prev(layer.backends.end());
        it->name = instance;
    }
    const QString url = m_baseUrl->text().trimmed();
    it->baseUrl = url.isEmpty() ? std::nullopt : std::optional<QString>(url);
    const Result<config::Config> loaded = m_controller->preview(layer);
    setLabel(m_urlError, loaded ? QString() : withoutLayerLocation(loaded.error().message, m_controller->layerPath()));
    m_saveUrl->setEnabled(bool(loaded));
}

QString BackendsPage::addInstance(const QString &type, const QString &name, const QString &baseUrl)
{
    if (!m_controller)
        return tr("No configuration to change.");
    const QString instance = name.isEmpty() ? type : name;
    if (m_controller->config().backend(instance) || findOverride(m_controller->layer(), instance)) {
        const QString error = tr("An instance named %1 exists already.").arg(instance);
        setLabel(m_status, error);
        return error;
    }
    const QString error = commitOverride(instance, [&](config::AppBackendOverride &o) {
        o.type = type;
        if (!baseUrl.isEmpty())
            o.baseUrl = baseUrl;
    });
    if (error.isEmpty()) {
        setLabel(m_status, tr("Added %1. Add its key on the Credentials page.").arg(instance));
        m_newName->clear();
        m_newUrl->clear();
        selectInstance(instance);
        suggestName();
    }
    return error;
}

QString BackendsPage::removeAddedInstance(const QString &instance)
{
    const config::AppBackendOverride *o = m_controller ? findOverride(m_controller->layer(), instance) : nullptr;
    if (!o || o->type.isEmpty())
        return tr("%1 is set in your config file or the environment; remove it there.").arg(instance);
    if (!m_controller)
        return {};
    config::AppLayer layer = m_controller->layer();
    std::erase_if(layer.backends, [&](const config::AppBackendOverride &b) { return b.name == instance; });
    const QString error = m_controller->commit(layer);
    setLabel(m_status, withoutLayerLocation(error, m_controller->layerPath()));
    return error;
}

void BackendsPage::loadModels()
{
    const QString instance = selectedInstance();
    if (!context().engine || instance.isEmpty())
        return;
    m_models->clear();
    setLabel(m_modelsError, {});
    m_loadModels->setEnabled(false);
    context().engine->fetchModels(instance, this, [this, instance](const QStringList &models, const QString &error) {
        m_loadModels->setEnabled(true);
        if (instance != selectedInstance())
            return;
        m_models->addItems(models);
        setLabel(m_modelsError, error);
    });
}

void BackendsPage::suggestName()
{
    if (!m_controller)
        return;
    const QString type = m_newType->currentText();
    QString name = type;
    for (int n = 2; m_controller->config().backend(name) || findOverride(m_controller->layer(), name); ++n)
        name = type + QLatin1Char('.') + QString::number(n);
    m_newName->setPlaceholderText(name);
}

} // namespace lip::ui
