// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/keyimport.h"

#include "config/backendprofiles.h"

#include <QRegularExpression>

namespace lip::ui::credentials {

int ImportPlan::changes() const
{
    int n = 0;
    for (const ImportRow &r : rows)
        n += r.effect != ImportRow::Effect::Same;
    return n;
}

namespace {

// The instance a variable belongs to, or empty.
QString instanceFor(const QString &variable, const QStringList &candidates)
{
    static const QRegularExpression keyPart(QStringLiteral("^API_KEY(_[0-9]{1,3})?$"));
    QString best;
    for (const QString &instance : candidates) {
        const QString prefix = config::envPrefixFor(instance);
        if (variable.startsWith(prefix) && keyPart.match(variable.mid(prefix.size())).hasMatch()) {
            if (prefix.size() > config::envPrefixFor(best).size() || best.isEmpty())
                best = instance;
        }
        if (const config::BackendProfile *p = config::findBackendProfile(instance);
            p && p->legacyKeyVariable && variable == QLatin1String(p->legacyKeyVariable) && best.isEmpty())
            best = instance;
    }
    return best;
}

} // namespace

ImportPlan planImport(const QList<QPair<QString, QString>> &variables, const QStringList &instances,
                      const config::CredentialSet &current)
{
    QStringList candidates = config::knownBackendTypes();
    for (const QString &i : instances)
        if (!candidates.contains(i))
            candidates << i;
    for (const config::KeychainInstance &i : current.instances)
        if (!candidates.contains(i.name))
            candidates << i.name;

    ImportPlan plan;
    for (const auto &[name, rawValue] : variables) {
        const QString value = rawValue.trimmed();
        const QString instance = instanceFor(name, candidates);
        if (instance.isEmpty() || value.isEmpty()) {
            plan.ignored << name;
            continue;
        }
        ImportRow row{name, instance, name, value, ImportRow::Effect::New};
        for (const config::KeychainInstance &stored : current.instances) {
            if (stored.name != instance)
                continue;
            for (const config::KeychainKey &k : stored.keys) {
                if (k.secret == value) {
                    row.effect = ImportRow::Effect::Same; // already stored, maybe under another alias
                    break;
                }
                if (k.alias == row.alias)
                    row.effect = ImportRow::Effect::Replaces;
            }
        }
        plan.rows << row;
    }
    return plan;
}

} // namespace lip::ui::credentials
