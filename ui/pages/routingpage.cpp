// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/routingpage.h"

#include "configcontroller.h"
#include "widgets/origintext.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace lip::ui {

namespace {

constexpr int kValidationPauseMs = 300;
constexpr int kInLayerRole = Qt::UserRole;
constexpr int kOriginRole = Qt::UserRole + 1;

const QStringList kPolicies = {QStringLiteral("ordered"), QStringLiteral("k"), QStringLiteral("m"),
                               QStringLiteral("km"), QStringLiteral("mk")};
const QStringList kFrontends = {QString(), QStringLiteral("openai"), QStringLiteral("openai-responses"),
                                QStringLiteral("anthropic"), QStringLiteral("gemini")};

QLabel *makeErrorLabel(const QString &name)
{
    auto *label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setStyleSheet(QStringLiteral("color: palette(highlight); font-weight: bold;"));
    label->setVisible(false);
    return label;
}

QLabel *makeNoteLabel(const QString &name)
{
    auto *label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

void setLabel(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QPushButton *makeButton(const QString &name)
{
    auto *button = new QPushButton;
    button->setObjectName(name);
    return button;
}

} // namespace

RoutingPage::RoutingPage(const AppContext &appContext, QWidget *parent) : Page(appContext, parent)
{
    m_controller = appContext.config;
    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(kValidationPauseMs);
    connect(m_validateTimer, &QTimer::timeout, this, &RoutingPage::validateNow);

    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(buildDefaultBox());
    column->addWidget(buildRoutesBox());
    column->addWidget(buildAliasesBox());
    column->addWidget(buildRewritesBox());
    column->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The fields inside take focus; the area itself is not a control.
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setWidget(content);

    m_status = makeNoteLabel(QStringLiteral("status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_revert = makeButton(QStringLiteral("revert"));
    m_apply = makeButton(QStringLiteral("apply"));
    m_apply->setDefault(true);
    connect(m_revert, &QPushButton::clicked, this, &RoutingPage::reload);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_revert);
    bottom->addWidget(m_apply);

    auto *outer = new QVBoxLayout(this);
    outer->addWidget(scroll, 1);
    outer->addLayout(bottom);

    if (m_controller)
        connect(m_controller, &ConfigController::configChanged, this, [this] {
            if (!hasUnsavedChanges())
                reload();
        });

    retranslate();
    reload();
}

QGroupBox *RoutingPage::buildDefaultBox()
{
    m_defaultBox = new QGroupBox;
    m_defaultCaption = new QLabel;
    m_default = new QComboBox;
    m_default->setObjectName(QStringLiteral("defaultBackend"));
    m_default->setEditable(true);
    m_default->setInsertPolicy(QComboBox::NoInsert);
    m_defaultCaption->setBuddy(m_default);
    m_defaultOrigin = makeNoteLabel(QStringLiteral("defaultOrigin"));
    m_defaultError = makeErrorLabel(QStringLiteral("defaultError"));
    connect(m_default, &QComboBox::editTextChanged, this, [this] {
        if (m_loading)
            return;
        m_defaultTouched = true;
        scheduleValidation();
    });

    auto *grid = new QGridLayout(m_defaultBox);
    grid->addWidget(m_defaultCaption, 0, 0);
    grid->addWidget(m_default, 0, 1);
    grid->addWidget(m_defaultOrigin, 1, 1);
    grid->addWidget(m_defaultError, 2, 1);
    grid->setColumnStretch(1, 1);
    return m_defaultBox;
}

QGroupBox *RoutingPage::buildRoutesBox()
{
    m_routesBox = new QGroupBox;
    m_routeList = new QListWidget;
    m_routeList->setObjectName(QStringLiteral("routeList"));
    m_addRoute = makeButton(QStringLiteral("addRoute"));
    m_removeRoute = makeButton(QStringLiteral("removeRoute"));
    connect(m_routeList, &QListWidget::currentRowChanged, this, &RoutingPage::showRoute);
    connect(m_addRoute, &QPushButton::clicked, this, &RoutingPage::addRoute);
    connect(m_removeRoute, &QPushButton::clicked, this, &RoutingPage::removeRoute);

    m_routeNameCaption = new QLabel;
    m_routeName = new QLineEdit;
    m_routeName->setObjectName(QStringLiteral("routeName"));
    m_routeNameCaption->setBuddy(m_routeName);
    m_policyCaption = new QLabel;
    m_policy = new QComboBox;
    m_policy->setObjectName(QStringLiteral("policy"));
    for (const QString &p : kPolicies)
        m_policy->addItem(QString(), p);
    m_policyCaption->setBuddy(m_policy);
    connect(m_routeName, &QLineEdit::textEdited, this, &RoutingPage::routeEdited);
    connect(m_policy, &QComboBox::currentIndexChanged, this, &RoutingPage::routeEdited);

    m_elementsCaption = new QLabel;
    m_elements = new QListWidget;
    m_elements->setObjectName(QStringLiteral("elements"));
    // Reordering by drag and drop; Move up/down do the same for keyboard users.
    m_elements->setDragDropMode(QAbstractItemView::InternalMove);
    m_elements->setDefaultDropAction(Qt::MoveAction);
    m_elements->setSelectionMode(QAbstractItemView::SingleSelection);
    m_elementsCaption->setBuddy(m_elements);
    connect(m_elements->model(), &QAbstractItemModel::rowsMoved, this, &RoutingPage::readElementsIntoRoute);
    connect(m_elements, &QListWidget::itemChanged, this, &RoutingPage::readElementsIntoRoute);
    connect(m_elements, &QListWidget::currentRowChanged, this, &RoutingPage::updateButtons);

    m_elementEdit = new QLineEdit;
    m_elementEdit->setObjectName(QStringLiteral("elementEdit"));
    m_addElement = makeButton(QStringLiteral("addElement"));
    m_removeElement = makeButton(QStringLiteral("removeElement"));
    m_moveUp = makeButton(QStringLiteral("moveUp"));
    m_moveDown = makeButton(QStringLiteral("moveDown"));
    connect(m_elementEdit, &QLineEdit::returnPressed, this, &RoutingPage::addElement);
    connect(m_addElement, &QPushButton::clicked, this, &RoutingPage::addElement);
    connect(m_removeElement, &QPushButton::clicked, this, &RoutingPage::removeElement);
    connect(m_moveUp, &QPushButton::clicked, this, [this] { moveElement(-1); });
    connect(m_moveDown, &QPushButton::clicked, this, [this] { moveElement(+1); });

    m_routeOrigin = makeNoteLabel(QStringLiteral("routeOrigin"));
    m_routeError = makeErrorLabel(QStringLiteral("routeError"));

    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_routeList, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addRoute);
    listButtons->addWidget(m_removeRoute);
    listColumn->addLayout(listButtons);

    auto *editor = new QGridLayout;
    editor->addWidget(m_routeNameCaption, 0, 0);
    editor->addWidget(m_routeName, 0, 1);
    editor->addWidget(m_policyCaption, 1, 0);
    editor->addWidget(m_policy, 1, 1);
    editor->addWidget(m_elementsCaption, 2, 0, Qt::AlignTop);
    auto *elementsRow = new QHBoxLayout;
    elementsRow->addWidget(m_elements, 1);
    auto *elementButtons = new QVBoxLayout;
    elementButtons->addWidget(m_moveUp);
    elementButtons->addWidget(m_moveDown);
    elementButtons->addWidget(m_removeElement);
    elementButtons->addStretch(1);
    elementsRow->addLayout(elementButtons);
    editor->addLayout(elementsRow, 2, 1);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_elementEdit, 1);
    addRow->addWidget(m_addElement);
    editor->addLayout(addRow, 3, 1);
    editor->addWidget(m_routeOrigin, 4, 1);
    editor->addWidget(m_routeError, 5, 1);
    editor->setColumnStretch(1, 1);

    auto *row = new QHBoxLayout(m_routesBox);
    row->addLayout(listColumn, 1);
    row->addLayout(editor, 2);
    return m_routesBox;
}

QGroupBox *RoutingPage::buildAliasesBox()
{
    m_aliasesBox = new QGroupBox;
    m_aliases = new QTableWidget(0, 2);
    m_aliases->setObjectName(QStringLiteral("aliases"));
    m_aliases->horizontalHeader()->setStretchLastSection(true);
    m_aliases->verticalHeader()->setVisible(false);
    m_aliases->setMinimumHeight(120);
    m_addAlias = makeButton(QStringLiteral("addAlias"));
    m_removeAlias = makeButton(QStringLiteral("removeAlias"));
    m_aliasError = makeErrorLabel(QStringLiteral("aliasError"));
    connect(m_aliases, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_loading)
            return;
        // An edited row is saved in the app's layer (replacing the user's alias of that name).
        m_loading = true;
        for (int c = 0; c < m_aliases->columnCount(); ++c) {
            if (QTableWidgetItem *cell = m_aliases->item(item->row(), c))
                cell->setData(kInLayerRole, true);
        }
        m_loading = false;
        scheduleValidation();
    });
    connect(m_aliases, &QTableWidget::currentCellChanged, this, &RoutingPage::updateButtons);
    connect(m_addAlias, &QPushButton::clicked, this, &RoutingPage::addAlias);
    connect(m_removeAlias, &QPushButton::clicked, this, &RoutingPage::removeAlias);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addAlias);
    buttons->addWidget(m_removeAlias);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(m_aliasesBox);
    layout->addWidget(m_aliases);
    layout->addLayout(buttons);
    layout->addWidget(m_aliasError);
    return m_aliasesBox;
}

QGroupBox *RoutingPage::buildRewritesBox()
{
    m_rewritesBox = new QGroupBox;
    m_rewrites = new QTableWidget(0, 4);
    m_rewrites->setObjectName(QStringLiteral("rewrites"));
    m_rewrites->horizontalHeader()->setStretchLastSection(true);
    m_rewrites->verticalHeader()->setVisible(false);
    m_rewrites->setMinimumHeight(120);
    m_addRewrite = makeButton(QStringLiteral("addRewrite"));
    m_removeRewrite = makeButton(QStringLiteral("removeRewrite"));
    m_rewriteError = makeErrorLabel(QStringLiteral("rewriteError"));
    connect(m_rewrites, &QTableWidget::itemChanged, this, [this] {
        if (m_loading)
            return;
        m_rewritesTouched = true;
        scheduleValidation();
    });
    connect(m_rewrites, &QTableWidget::currentCellChanged, this, &RoutingPage::updateButtons);
    connect(m_addRewrite, &QPushButton::clicked, this, &RoutingPage::addRewrite);
    connect(m_removeRewrite, &QPushButton::clicked, this, &RoutingPage::removeRewrite);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addRewrite);
    buttons->addWidget(m_removeRewrite);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(m_rewritesBox);
    layout->addWidget(m_rewrites);
    layout->addLayout(buttons);
    layout->addWidget(m_rewriteError);
    return m_rewritesBox;
}

void RoutingPage::retranslate()
{
    m_defaultBox->setTitle(tr("Default backend"));
    m_defaultCaption->setText(tr("&Backend:"));
    m_default->setAccessibleName(tr("Default backend"));
    m_default->setToolTip(tr("Used for a bare model name. Write backend or backend:model, e.g. openai:gpt-4o."));
    if (m_default->lineEdit())
        m_default->lineEdit()->setPlaceholderText(tr("backend[:model]"));

    m_routesBox->setTitle(tr("Failover routes"));
    m_routeList->setAccessibleName(tr("Failover routes"));
    m_routeList->setToolTip(tr("A request whose model is a route's name tries its elements in turn."));
    m_addRoute->setText(tr("Add &route"));
    m_addRoute->setAccessibleName(tr("Add route"));
    m_removeRoute->setText(tr("Remo&ve route"));
    m_removeRoute->setAccessibleName(tr("Remove route"));
    m_routeNameCaption->setText(tr("&Name:"));
    m_routeName->setAccessibleName(tr("Route name"));
    m_policyCaption->setText(tr("&Policy:"));
    m_policy->setAccessibleName(tr("Route policy"));
    const QStringList policyTexts = {
        tr("ordered: each element once, with its first working key (same as m)"),
        tr("k: every key of the first element only"),
        tr("m: each element once, with its first working key"),
        tr("km: every key of each element, element by element"),
        tr("mk: key 1 of every element, then key 2, and so on"),
    };
    for (int i = 0; i < m_policy->count() && i < policyTexts.size(); ++i)
        m_policy->setItemText(i, policyTexts.at(i));
    m_elementsCaption->setText(tr("&Elements:"));
    m_elements->setAccessibleName(tr("Route elements, in the order they are tried"));
    m_elements->setToolTip(tr("Drag to reorder, double-click to edit."));
    m_elementEdit->setAccessibleName(tr("New element"));
    m_elementEdit->setPlaceholderText(tr("backend:model, e.g. anthropic:claude-sonnet-4-5"));
    m_addElement->setText(tr("A&dd element"));
    m_addElement->setAccessibleName(tr("Add element"));
    m_removeElement->setText(tr("Remove e&lement"));
    m_removeElement->setAccessibleName(tr("Remove element"));
    m_moveUp->setText(tr("Move &up"));
    m_moveUp->setAccessibleName(tr("Move element up"));
    m_moveDown->setText(tr("Move do&wn"));
    m_moveDown->setAccessibleName(tr("Move element down"));
    m_routeOrigin->setAccessibleName(tr("Where the route comes from"));
    m_routeError->setAccessibleName(tr("Route error"));
    m_defaultError->setAccessibleName(tr("Default backend error"));
    m_defaultOrigin->setAccessibleName(tr("Where the default backend comes from"));

    m_aliasesBox->setTitle(tr("Model aliases"));
    m_aliases->setHorizontalHeaderLabels({tr("Alias"), tr("Model")});
    m_aliases->setAccessibleName(tr("Model aliases"));
    m_addAlias->setText(tr("Add al&ias"));
    m_addAlias->setAccessibleName(tr("Add alias"));
    m_removeAlias->setText(tr("Remove alia&s"));
    m_removeAlias->setAccessibleName(tr("Remove alias"));
    m_aliasError->setAccessibleName(tr("Alias error"));

    m_rewritesBox->setTitle(tr("Model rewrites"));
    m_rewrites->setHorizontalHeaderLabels({tr("Pattern"), tr("Target"), tr("Regular expression"), tr("Client dialect")});
    m_rewrites->setAccessibleName(tr("Model rewrites, first match wins"));
    m_addRewrite->setText(tr("Add re&write"));
    m_addRewrite->setAccessibleName(tr("Add rewrite"));
    m_removeRewrite->setText(tr("Remove rewri&te"));
    m_removeRewrite->setAccessibleName(tr("Remove rewrite"));
    m_rewriteError->setAccessibleName(tr("Rewrite error"));

    m_status->setAccessibleName(tr("Status"));
    m_revert->setText(tr("Re&vert"));
    m_revert->setAccessibleName(tr("Revert unsaved changes"));
    m_apply->setText(tr("&Apply"));
    m_apply->setAccessibleName(tr("Apply and save"));
    if (m_controller)
        m_apply->setToolTip(tr("Saves to %1 and applies to the running proxy.").arg(m_controller->layerPath()));
}

void RoutingPage::reload()
{
    m_validateTimer->stop();
    const QString previousRoute = m_current >= 0 && m_current < int(m_routes.size()) ? m_routes[m_current].route.name : QString();
    m_loading = true;
    m_routes.clear();
    m_current = -1;
    m_defaultTouched = false;
    m_rewritesTouched = false;
    m_valid = true;
    const config::AppLayer layer = m_controller ? m_controller->layer() : config::AppLayer{};
    const config::Config cfg = m_controller ? m_controller->config() : config::Config{};
    const QString layerPath = m_controller ? m_controller->layerPath() : QString();

    m_default->clear();
    m_default->addItems(cfg.backendNames());
    m_default->setEditText(layer.defaultBackend.value_or(
        cfg.defaultModel.isEmpty() ? cfg.defaultBackend : cfg.defaultBackend + QLatin1Char(':') + cfg.defaultModel));
    m_defaultOriginText = originNote(cfg.origins.value(QStringLiteral("default_backend")), layerPath);
    setLabel(m_defaultOrigin, m_defaultOriginText);

    QSet<QString> layerRoutes;
    for (const config::RouteConfig &r : layer.routes)
        layerRoutes.insert(r.name);
    m_routeList->clear();
    for (const config::RouteConfig &r : cfg.routes) {
        m_routes.push_back({r, layerRoutes.contains(r.name), r.origin});
        m_routeList->addItem(r.name);
    }

    m_aliases->setRowCount(0);
    QStringList aliasNames = cfg.modelAliases.keys();
    std::sort(aliasNames.begin(), aliasNames.end());
    for (const QString &alias : aliasNames) {
        const int row = m_aliases->rowCount();
        m_aliases->insertRow(row);
        const bool inLayer = layer.modelAliases.contains(alias);
        const QString origin = cfg.origins.value(QStringLiteral("model_aliases.") + alias);
        for (int c = 0; c < 2; ++c) {
            auto *item = new QTableWidgetItem(c == 0 ? alias : cfg.modelAliases.value(alias));
            item->setData(kInLayerRole, inLayer);
            item->setData(kOriginRole, origin);
            item->setToolTip(originNote(origin, layerPath));
            m_aliases->setItem(row, c, item);
        }
    }

    m_rewrites->setRowCount(0);
    for (const config::ModelRewrite &r : cfg.rewrites) {
        if (r.origin.startsWith(QLatin1String("env:")))
            continue; // MODEL_ALIASES: the environment's rules, tried first and not the page's to edit
        const int row = m_rewrites->rowCount();
        m_rewrites->insertRow(row);
        m_rewrites->setItem(row, 0, new QTableWidgetItem(r.pattern));
        m_rewrites->setItem(row, 1, new QTableWidgetItem(r.target));
        auto *regex = new QTableWidgetItem;
        regex->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        regex->setCheckState(r.regex ? Qt::Checked : Qt::Unchecked);
        m_rewrites->setItem(row, 2, regex);
        m_rewrites->setItem(row, 3, new QTableWidgetItem(r.frontend));
        for (int c = 0; c < 4; ++c)
            m_rewrites->item(row, c)->setToolTip(originNote(r.origin, layerPath));
    }
    m_loading = false;

    int select = 0;
    for (int i = 0; i < int(m_routes.size()); ++i) {
        if (m_routes[i].route.name == previousRoute)
            select = i;
    }
    m_routeList->setCurrentRow(m_routes.empty() ? -1 : select);
    showRoute(m_routeList->currentRow());
    showError({});
    setLabel(m_status, m_controller && !m_controller->layerError().isEmpty()
                           ? tr("The app's saved settings could not be read (%1); saving replaces them.")
                                 .arg(m_controller->layerError())
                           : QString());
    updateButtons();
}

config::AppLayer RoutingPage::candidate() const
{
    config::AppLayer layer = m_controller ? m_controller->layer() : config::AppLayer{};
    if (m_defaultTouched) {
        const QString text = m_default->currentText().trimmed();
        layer.defaultBackend = text.isEmpty() ? std::nullopt : std::optional<QString>(text);
    }
    layer.routes.clear();
    for (const RouteItem &item : m_routes) {
        if (!item.inLayer)
            continue;
        config::RouteConfig r = item.route;
        r.origin.clear();
        layer.routes.push_back(std::move(r));
    }
    layer.modelAliases.clear();
    for (int row = 0; row < m_aliases->rowCount(); ++row) {
        const QTableWidgetItem *alias = m_aliases->item(row, 0);
        const QTableWidgetItem *target = m_aliases->item(row, 1);
        if (!alias || !alias->data(kInLayerRole).toBool())
            continue;
        layer.modelAliases.insert(alias->text().trimmed(), target ? target->text().trimmed() : QString());
    }
    if (m_rewritesTouched) {
        std::vector<config::ModelRewrite> rules;
        for (int row = 0; row < m_rewrites->rowCount(); ++row) {
            config::ModelRewrite r;
            r.pattern = m_rewrites->item(row, 0) ? m_rewrites->item(row, 0)->text() : QString();
            r.target = m_rewrites->item(row, 1) ? m_rewrites->item(row, 1)->text().trimmed() : QString();
            r.regex = m_rewrites->item(row, 2) && m_rewrites->item(row, 2)->checkState() == Qt::Checked;
            r.frontend = m_rewrites->item(row, 3) ? m_rewrites->item(row, 3)->text().trimmed().toLower() : QString();
            rules.push_back(std::move(r));
        }
        layer.rewrites = std::move(rules);
    }
    return layer;
}

bool RoutingPage::hasUnsavedChanges() const
{
    return m_controller && !(candidate() == m_controller->layer());
}

void RoutingPage::scheduleValidation()
{
    m_valid = false; // nothing is applied until the pending check has passed
    updateButtons();
    m_validateTimer->start();
}

// Checks the loader cannot make with good words, because the serialized layer would hide them
// (an empty name is not a YAML key; two routes of one name collapse into one).
QString RoutingPage::localProblem(const config::AppLayer &layer) const
{
    QSet<QString> names;
    for (const RouteItem &item : m_routes) {
        const QString name = item.route.name.trimmed();
        if (name.isEmpty())
            return tr("failover_routes: a route needs a name.");
        if (names.contains(name))
            return tr("failover_routes.%1: two routes have this name.").arg(name);
        names.insert(name);
        if (item.route.elements.isEmpty())
            return tr("failover_routes.%1: a route needs at least one element.").arg(name);
        for (const QString &element : item.route.elements) {
            if (element.trimmed().isEmpty())
                return tr("failover_routes.%1: an element is empty.").arg(name);
        }
    }
    QSet<QString> aliases;
    for (int row = 0; row < m_aliases->rowCount(); ++row) {
        const QString alias = m_aliases->item(row, 0) ? m_aliases->item(row, 0)->text().trimmed() : QString();
        const QString target = m_aliases->item(row, 1) ? m_aliases->item(row, 1)->text().trimmed() : QString();
        if (alias.isEmpty())
            return tr("model_aliases: an alias needs a name.");
        if (aliases.contains(alias))
            return tr("model_aliases.%1: two aliases have this name.").arg(alias);
        aliases.insert(alias);
        if (target.isEmpty())
            return tr("model_aliases.%1: needs the model it stands for.").arg(alias);
    }
    if (layer.rewrites) {
        for (std::size_t i = 0; i < layer.rewrites->size(); ++i) {
            const config::ModelRewrite &r = layer.rewrites->at(i);
            if (r.pattern.isEmpty() || r.target.isEmpty())
                return tr("model_rewrites[%1]: needs a pattern and a target.").arg(i);
            if (!kFrontends.contains(r.frontend))
                return tr("model_rewrites[%1].frontend: '%2' is not a client dialect (accepted: %3)")
                    .arg(i)
                    .arg(r.frontend, kFrontends.mid(1).join(QLatin1String(", ")));
        }
    }
    return {};
}

void RoutingPage::validateNow()
{
    m_validateTimer->stop();
    if (!m_controller) {
        m_valid = false;
        updateButtons();
        return;
    }
    const config::AppLayer layer = candidate();
    QString problem = localProblem(layer);
    if (problem.isEmpty()) {
        const Result<config::Config> loaded = m_controller->preview(layer);
        if (!loaded)
            problem = withoutLayerLocation(loaded.error().message, m_controller->layerPath());
    }
    m_valid = problem.isEmpty();
    showError(problem);
    updateButtons();
}

// The error goes next to the field it is about, by the key path the loader names.
void RoutingPage::showError(const QString &message)
{
    QLabel *target = m_status;
    if (message.contains(QLatin1String("failover_routes")) || message.contains(QLatin1String("route '")))
        target = m_routeError;
    else if (message.contains(QLatin1String("model_aliases")))
        target = m_aliasError;
    else if (message.contains(QLatin1String("model_rewrites")))
        target = m_rewriteError;
    else if (message.contains(QLatin1String("default backend")) || message.contains(QLatin1String("default_backend")))
        target = m_defaultError;
    for (QLabel *label : {m_routeError, m_aliasError, m_rewriteError, m_defaultError})
        setLabel(label, label == target ? message : QString());
    if (target == m_status)
        setLabel(m_status, message);
    else if (!message.isEmpty())
        setLabel(m_status, tr("Fix the error above to apply."));
    else if (m_status->text() == tr("Fix the error above to apply."))
        setLabel(m_status, {});
}

QString RoutingPage::apply()
{
    validateNow();
    if (!m_valid || !m_controller)
        return m_routeError->isVisible() ? m_routeError->text() : m_status->text();
    const QString error = m_controller->commit(candidate());
    if (!error.isEmpty()) {
        showError(withoutLayerLocation(error, m_controller->layerPath()));
        return error;
    }
    reload();
    setLabel(m_status, tr("Saved and applied."));
    return {};
}

void RoutingPage::showRoute(int index)
{
    m_current = index;
    const bool has = index >= 0 && index < int(m_routes.size());
    const bool wasLoading = m_loading;
    m_loading = true;
    m_routeName->setText(has ? m_routes[index].route.name : QString());
    const int policy = has ? int(kPolicies.indexOf(m_routes[index].route.policy)) : 0;
    m_policy->setCurrentIndex(std::max(0, policy));
    m_elements->clear();
    if (has) {
        for (const QString &element : m_routes[index].route.elements) {
            auto *item = new QListWidgetItem(element);
            item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
            m_elements->addItem(item);
        }
    }
    m_loading = wasLoading;
    const QString layerPath = m_controller ? m_controller->layerPath() : QString();
    setLabel(m_routeOrigin, has && !m_routes[index].inLayer ? originNote(m_routes[index].origin, layerPath) : QString());
    updateButtons();
}

void RoutingPage::routeEdited()
{
    if (m_loading || m_current < 0 || m_current >= int(m_routes.size()))
        return;
    RouteItem &item = m_routes[m_current];
    item.route.name = m_routeName->text().trimmed();
    item.route.policy = m_policy->currentData().toString();
    item.inLayer = true;
    if (QListWidgetItem *listItem = m_routeList->item(m_current))
        listItem->setText(item.route.name);
    scheduleValidation();
}

void RoutingPage::readElementsIntoRoute()
{
    if (m_loading || m_current < 0 || m_current >= int(m_routes.size()))
        return;
    QStringList elements;
    for (int i = 0; i < m_elements->count(); ++i)
        elements << m_elements->item(i)->text().trimmed();
    RouteItem &item = m_routes[m_current];
    item.route.elements = elements;
    item.inLayer = true;
    updateButtons();
    scheduleValidation();
}

void RoutingPage::addRoute()
{
    QString name = QStringLiteral("route");
    for (int n = 2; std::any_of(m_routes.cbegin(), m_routes.cend(), [&](const RouteItem &i) { return i.route.name == name; }); ++n)
        name = QStringLiteral("route-%1").arg(n);
    RouteItem item;
    item.route.name = name;
    item.inLayer = true;
    m_routes.push_back(item);
    m_routeList->addItem(name);
    m_routeList->setCurrentRow(int(m_routes.size()) - 1);
    m_routeName->setFocus();
    m_routeName->selectAll();
    scheduleValidation();
}

void RoutingPage::removeRoute()
{
    if (m_current < 0 || m_current >= int(m_routes.size()) || !m_routes[m_current].inLayer)
        return;
    const int index = m_current;
    m_routes.erase(m_routes.begin() + index);
    m_loading = true;
    delete m_routeList->takeItem(index);
    m_loading = false;
    m_routeList->setCurrentRow(std::min(index, int(m_routes.size()) - 1));
    showRoute(m_routeList->currentRow());
    scheduleValidation();
}

void RoutingPage::addElement()
{
    const QString text = m_elementEdit->text().trimmed();
    if (text.isEmpty() || m_current < 0)
        return;
    auto *item = new QListWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
    m_loading = true;
    m_elements->addItem(item);
    m_loading = false;
    m_elementEdit->clear();
    readElementsIntoRoute();
}

void RoutingPage::removeElement()
{
    const int row = m_elements->currentRow();
    if (row < 0)
        return;
    m_loading = true;
    delete m_elements->takeItem(row);
    m_loading = false;
    readElementsIntoRoute();
}

void RoutingPage::moveElement(int delta)
{
    const int row = m_elements->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_elements->count())
        return;
    m_loading = true;
    QListWidgetItem *item = m_elements->takeItem(row);
    m_elements->insertItem(target, item);
    m_elements->setCurrentRow(target);
    m_loading = false;
    readElementsIntoRoute();
}

void RoutingPage::addAlias()
{
    const int row = m_aliases->rowCount();
    m_loading = true;
    m_aliases->insertRow(row);
    for (int c = 0; c < 2; ++c) {
        auto *item = new QTableWidgetItem;
        item->setData(kInLayerRole, true);
        m_aliases->setItem(row, c, item);
    }
    m_loading = false;
    m_aliases->setCurrentCell(row, 0);
    m_aliases->editItem(m_aliases->item(row, 0));
    scheduleValidation();
}

void RoutingPage::removeAlias()
{
    const int row = m_aliases->currentRow();
    if (row < 0 || !m_aliases->item(row, 0) || !m_aliases->item(row, 0)->data(kInLayerRole).toBool())
        return;
    m_aliases->removeRow(row);
    scheduleValidation();
}

void RoutingPage::addRewrite()
{
    const int row = m_rewrites->rowCount();
    m_loading = true;
    m_rewrites->insertRow(row);
    m_rewrites->setItem(row, 0, new QTableWidgetItem);
    m_rewrites->setItem(row, 1, new QTableWidgetItem);
    auto *regex = new QTableWidgetItem;
    regex->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    regex->setCheckState(Qt::Unchecked);
    m_rewrites->setItem(row, 2, regex);
    m_rewrites->setItem(row, 3, new QTableWidgetItem);
    m_loading = false;
    m_rewritesTouched = true;
    m_rewrites->setCurrentCell(row, 0);
    m_rewrites->editItem(m_rewrites->item(row, 0));
    scheduleValidation();
}

void RoutingPage::removeRewrite()
{
    const int row = m_rewrites->currentRow();
    if (row < 0)
        return;
    m_rewrites->removeRow(row);
    m_rewritesTouched = true;
    scheduleValidation();
}

void RoutingPage::updateButtons()
{
    const bool hasRoute = m_current >= 0 && m_current < int(m_routes.size());
    const bool routeInLayer = hasRoute && m_routes[m_current].inLayer;
    m_removeRoute->setEnabled(routeInLayer);
    m_removeRoute->setToolTip(hasRoute && !routeInLayer
                                  ? tr("This route is set in your config file; edit it there to remove it.")
                                  : QString());
    m_routeName->setEnabled(hasRoute);
    m_policy->setEnabled(hasRoute);
    m_elements->setEnabled(hasRoute);
    m_elementEdit->setEnabled(hasRoute);
    m_addElement->setEnabled(hasRoute);
    const int row = m_elements->currentRow();
    m_removeElement->setEnabled(hasRoute && row >= 0);
    m_moveUp->setEnabled(hasRoute && row > 0);
    m_moveDown->setEnabled(hasRoute && row >= 0 && row + 1 < m_elements->count());
    const int aliasRow = m_aliases->currentRow();
    m_removeAlias->setEnabled(aliasRow >= 0 && m_aliases->item(aliasRow, 0)
                              && m_aliases->item(aliasRow, 0)->data(kInLayerRole).toBool());
    m_removeRewrite->setEnabled(m_rewrites->currentRow() >= 0);
    const bool dirty = hasUnsavedChanges();
    m_apply->setEnabled(m_valid && dirty && !m_validateTimer->isActive());
    m_revert->setEnabled(dirty);
}

} // namespace lip::ui
