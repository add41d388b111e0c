// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/commands.h"

#include "routing/modelselector.h"

#include <QRegularExpression>

#include <functional>
#include <map>

namespace lip::session {

namespace {

constexpr int kMaxSessionRoutes = 32;
constexpr int kMaxRouteElements = 16;

struct Spec
{
    const char *name;
    const char *usage;   // forms, with {p} for the prefix
    const char *summary;
};

// The order help lists them in.
const Spec kSpecs[] = {
    {"help", "{p}help | {p}help(<command>) | {p}help <command>", "list the commands, or explain one"},
    {"hello", "{p}hello", "say hello and show what this session is set to"},
    {"session", "{p}session", "show this session's state: overrides, routes, counters"},
    {"set", "{p}set(<key>=<value>, ...)", "set session options; keys: backend, model (backend:model), temperature (0-2), "
                                          "reasoning-effort (minimal|low|medium|high), thinking-budget (tokens, 0 = off), "
                                          "project, command-prefix, interactive-mode (on|off), "
                                          "redact-api-keys-in-prompts (on|off), loop-detection (on|off)"},
    {"unset", "{p}unset(<key>, ...)", "clear session options (same keys as set)"},
    {"backend", "{p}backend(<name>)", "send this session's requests to a configured backend (the client's model name is kept)"},
    {"model", "{p}model(<backend:model>)", "use this model for the session (a failover route name or a|b alternatives work too)"},
    {"temperature", "{p}temperature(<0-2>)", "set the sampling temperature for the session"},
    {"oneoff", "{p}oneoff(<backend:model>)", "use this model for the next forwarded request only"},
    {"project", "{p}project | {p}project(<name>)", "show or set the session's project (usage is counted per project)"},
    {"pwd", "{p}pwd", "show the session's project"},
    {"create-failover-route", "{p}create-failover-route(name=<route>, policy=k|m|km|mk)",
     "create an empty failover route for this session (policy defaults to m: each element in turn; "
     "k: every key of the first element; km: every key of each element; mk: key by key across elements; "
     "it shadows a configured route of the same name)"},
    {"route-append", "{p}route-append(name=<route>, <backend:model>, ...)", "add elements at the end of a session route"},
    {"route-prepend", "{p}route-prepend(name=<route>, <backend:model>, ...)", "add elements at the front of a session route"},
    {"route-clear", "{p}route-clear(name=<route>)", "remove every element of a session route"},
    {"route-list", "{p}route-list(name=<route>)", "show a route's policy and elements"},
    {"list-failover-routes", "{p}list-failover-routes", "list the session's and the configured failover routes"},
    {"delete-failover-route", "{p}delete-failover-route(name=<route>)", "delete a session route"},
};

const Spec *findSpec(const QString &name)
{
    for (const Spec &spec : kSpecs) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

QString usageOf(const Spec &spec, const QString &prefix)
{
    return QString::fromLatin1(spec.usage).replace(QStringLiteral("{p}"), prefix);
}

QString onOff(const std::optional<bool> &value, bool configured)
{
    const bool on = value.value_or(configured);
    return QString::fromLatin1(on ? "on" : "off") + (value ? QString() : QStringLiteral(" (default)"));
}

QString normalizeKey(QString key)
{
    return key.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
}

const QStringList kSetKeys = {
    QStringLiteral("backend"), QStringLiteral("model"), QStringLiteral("temperature"),
    QStringLiteral("reasoning-effort"), QStringLiteral("thinking-budget"), QStringLiteral("project"),
    QStringLiteral("command-prefix"), QStringLiteral("interactive-mode"),
    QStringLiteral("redact-api-keys-in-prompts"), QStringLiteral("loop-detection"),
};

class Runner
{
public:
    Runner(SessionState &state, const config::Config &config, const QString &prefix)
        : m_state(state), m_config(config), m_prefix(prefix)
    {
    }

    CommandResult run(const ParsedCommand &command)
    {
        const Spec *spec = findSpec(command.name);
        if (!spec) {
            return fail(QStringLiteral("Unknown command '%1%2'. Commands: %3. Type %1help for details.")
                            .arg(m_prefix, command.name, commandNames().join(QStringLiteral(", "))));
        }
        m_spec = spec;
        if (!command.argumentError.isEmpty())
            return usageError(command.argumentError);
        const QString n = command.name;
        const auto &args = command.arguments;
        if (n == QLatin1String("help"))
            return help(args);
        if (n == QLatin1String("hello"))
            return ok(QStringLiteral("Hello! This is the LLM Interactive Proxy. Session %1.\n%2\nType %3help for the commands.")
                          .arg(m_state.id, summary(), m_prefix));
        if (n == QLatin1String("session"))
            return ok(describe());
        if (n == QLatin1String("set"))
            return set(args);
        if (n == QLatin1String("unset"))
            return unset(args);
        if (n == QLatin1String("backend") || n == QLatin1String("model") || n == QLatin1String("temperature"))
            return shorthand(n, args);
        if (n == QLatin1String("oneoff"))
            return oneoff(args);
        if (n == QLatin1String("project") || n == QLatin1String("pwd"))
            return project(n, args);
        if (n == QLatin1String("create-failover-route"))
            return createRoute(args);
        if (n == QLatin1String("route-append") || n == QLatin1String("route-prepend"))
            return addToRoute(args, n == QLatin1String("route-prepend"));
        if (n == QLatin1String("route-clear"))
            return clearRoute(args);
        if (n == QLatin1String("route-list"))
            return listRoute(args);
        if (n == QLatin1String("list-failover-routes"))
            return listRoutes(args);
        if (n == QLatin1String("delete-failover-route"))
            return deleteRoute(args);
        return fail(QStringLiteral("'%1' is not implemented").arg(n));
    }

private:
    CommandResult ok(QString text) { return {true, std::move(text)}; }
    CommandResult fail(QString text) { return {false, std::move(text)}; }
    CommandResult usageError(const QString &problem)
    {
        return fail(QStringLiteral("%1%2: %3. Usage: %4").arg(m_prefix, QString::fromLatin1(m_spec->name), problem,
                                                              usageOf(*m_spec, m_prefix)));
    }
    bool noArgs(const std::vector<CommandArgument> &args) const { return args.empty(); }

    CommandResult help(const std::vector<CommandArgument> &args)
    {
        if (args.size() > 1)
            return usageError(QStringLiteral("one command name at most"));
        if (args.size() == 1) {
            QString name = args[0].value.trimmed().toLower();
            if (name.startsWith(m_prefix))
                name = name.mid(m_prefix.size());
            const Spec *spec = findSpec(name);
            if (!spec)
                return fail(QStringLiteral("No command '%1'. Commands: %2.").arg(name, commandNames().join(QStringLiteral(", "))));
            QString text = QStringLiteral("%1\n%2.").arg(usageOf(*spec, m_prefix), QString::fromLatin1(spec->summary));
            if (name == QLatin1String("set") || name == QLatin1String("unset")) {
                text += QStringLiteral("\ninteractive-mode, redact-api-keys-in-prompts and loop-detection are stored "
                                       "with the session and shown by %1session; they take effect when the proxy's "
                                       "redaction and loop-detection engines are enabled in a later version.")
                            .arg(m_prefix);
            }
            if (name.contains(QLatin1String("route"))) {
                text += QStringLiteral("\nSession routes live in this session only (not in the config file); use a "
                                       "route by its name as the model, e.g. %1model(<route>).")
                            .arg(m_prefix);
            }
            return ok(text);
        }
        QString text = QStringLiteral("Commands (put one on the last line of your message):\n");
        for (const Spec &spec : kSpecs)
            text += QStringLiteral("  %1 - %2\n").arg(usageOf(spec, m_prefix), QString::fromLatin1(spec.summary));
        text += QStringLiteral("A message that is only a command is answered by the proxy and not sent to the model; "
                               "with other text, the command applies and the rest is sent.");
        return ok(text);
    }

    QString summary() const
    {
        QStringList parts;
        parts << QStringLiteral("backend: %1").arg(m_state.backend.isEmpty() ? QStringLiteral("(client's choice)") : m_state.backend);
        parts << QStringLiteral("model: %1").arg(m_state.model.isEmpty() ? QStringLiteral("(client's choice)") : m_state.model);
        if (!m_state.project.isEmpty())
            parts << QStringLiteral("project: %1").arg(m_state.project);
        return parts.join(QStringLiteral(", "));
    }

    QString describe() const
    {
        auto orDefault = [](const QString &v) { return v.isEmpty() ? QStringLiteral("(not set)") : v; };
        QString text = QStringLiteral("Session %1\n").arg(m_state.id);
        text += QStringLiteral("  backend: %1\n").arg(orDefault(m_state.backend));
        text += QStringLiteral("  model: %1\n").arg(orDefault(m_state.model));
        text += QStringLiteral("  oneoff (next request): %1\n").arg(orDefault(m_state.oneoff));
        text += QStringLiteral("  temperature: %1\n").arg(orDefault(m_state.temperature));
        text += QStringLiteral("  reasoning-effort: %1\n").arg(orDefault(m_state.reasoningEffort));
        text += QStringLiteral("  thinking-budget: %1\n").arg(orDefault(m_state.thinkingBudget));
        text += QStringLiteral("  project: %1\n").arg(orDefault(m_state.project));
        text += QStringLiteral("  command-prefix: %1\n").arg(m_prefix);
        text += QStringLiteral("  interactive-mode: %1\n").arg(onOff(m_state.interactiveMode, true));
        text += QStringLiteral("  redact-api-keys-in-prompts: %1 (stored; not applied yet)\n")
                    .arg(onOff(m_state.redactApiKeys, m_config.session.redactApiKeysInPrompts));
        text += QStringLiteral("  loop-detection: %1 (stored; not applied yet)\n")
                    .arg(onOff(m_state.loopDetection, m_config.session.loopDetection));
        text += QStringLiteral("  routes: %1\n").arg(m_state.routes.empty() ? QStringLiteral("(none)") : routeNames().join(QStringLiteral(", ")));
        text += QStringLiteral("  requests: %1, commands: %2, tokens in/out: %3/%4\n")
                    .arg(m_state.requests).arg(m_state.commands).arg(m_state.inputTokens).arg(m_state.outputTokens);
        text += QStringLiteral("  since: %1, last seen: %2").arg(m_state.created.toString(Qt::ISODate), m_state.lastSeen.toString(Qt::ISODate));
        return text;
    }

    QStringList routeNames() const
    {
        QStringList names;
        for (const config::RouteConfig &r : m_state.routes)
            names << r.name;
        return names;
    }

    // ---- validation -----------------------------------------------------------------------

    QString checkBackend(const QString &name) const
    {
        const config::BackendConfig *backend = m_config.backend(name);
        if (!backend || !backend->enabled)
            return QStringLiteral("backend '%1' is not configured; configured backends: %2")
                .arg(name, m_config.backendNames().join(QStringLiteral(", ")));
        return {};
    }

    QString checkSelector(const QString &text) const
    {
        if (text.isEmpty())
            return QStringLiteral("a model is required (backend:model)");
        const config::Config withRoutes = configWithSessionRoutes(m_config, m_state.routes);
        Result<QList<routing::ModelSelector>> resolved = routing::resolveSelectors(text, withRoutes);
        if (!resolved)
            return resolved.error().message;
        return {};
    }

    static std::optional<bool> parseBool(const QString &v)
    {
        const QString s = v.trimmed().toLower();
        if (s == QLatin1String("on") || s == QLatin1String("true") || s == QLatin1String("yes") || s == QLatin1String("1"))
            return true;
        if (s == QLatin1String("off") || s == QLatin1String("false") || s == QLatin1String("no") || s == QLatin1String("0"))
            return false;
        return std::nullopt;
    }

    // Applies one key to `target`; returns the problem, empty on success.
    QString setKey(SessionState &target, const QString &key, const QString &value) const
    {
        if (key == QLatin1String("backend")) {
            if (QString p = checkBackend(value); !p.isEmpty())
                return p;
            target.backend = value;
        } else if (key == QLatin1String("model")) {
            // The reference project also writes backend/model.
            QString v = value;
            if (!v.contains(QLatin1Char(':')) && v.count(QLatin1Char('/')) == 1 && m_config.backend(v.section(QLatin1Char('/'), 0, 0)))
                v.replace(v.indexOf(QLatin1Char('/')), 1, QLatin1Char(':'));
            if (QString p = checkSelector(v); !p.isEmpty())
                return p;
            target.model = v;
        } else if (key == QLatin1String("temperature")) {
            bool okNumber = false;
            const double t = value.toDouble(&okNumber);
            if (!okNumber || t < 0 || t > 2)
                return QStringLiteral("temperature must be a number from 0 to 2, not '%1'").arg(value);
            target.temperature = value.trimmed();
        } else if (key == QLatin1String("reasoning-effort")) {
            const QString v = value.trimmed().toLower();
            static const QStringList allowed = {QStringLiteral("minimal"), QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};
            if (!allowed.contains(v))
                return QStringLiteral("reasoning-effort must be one of minimal, low, medium, high, not '%1'").arg(value);
            target.reasoningEffort = v;
        } else if (key == QLatin1String("thinking-budget")) {
            bool okNumber = false;
            const qlonglong n = value.trimmed().toLongLong(&okNumber);
            if (!okNumber || n < 0 || n > 10000000)
                return QStringLiteral("thinking-budget must be a whole number of tokens (0 turns thinking off), not '%1'").arg(value);
            target.thinkingBudget = QString::number(n);
        } else if (key == QLatin1String("project")) {
            const QString v = value.trimmed();
            if (v.isEmpty() || v.size() > 200)
                return QStringLiteral("project must be a name of 1 to 200 characters");
            target.project = v;
        } else if (key == QLatin1String("command-prefix")) {
            const QString v = value.trimmed();
            if (v.isEmpty() || v.size() > 10)
                return QStringLiteral("command-prefix must be 1 to 10 characters");
            for (const QChar c : v) {
                if (c.isSpace() || !c.isPrint() || c == QLatin1Char('(') || c == QLatin1Char(')')
                    || c == QLatin1Char(',') || c == QLatin1Char('"') || c.isLetterOrNumber())
                    return QStringLiteral("command-prefix must not contain letters, digits, whitespace, "
                                          "control characters, quotes, commas or parentheses");
            }
            target.commandPrefix = v;
        } else if (key == QLatin1String("interactive-mode") || key == QLatin1String("redact-api-keys-in-prompts")
                   || key == QLatin1String("loop-detection")) {
            const std::optional<bool> b = parseBool(value);
            if (!b)
                return QStringLiteral("%1 must be on or off, not '%2'").arg(key, value);
            if (key == QLatin1String("interactive-mode"))
                target.interactiveMode = *b;
            else if (key == QLatin1String("redact-api-keys-in-prompts"))
                target.redactApiKeys = *b;
            else
                target.loopDetection = *b;
        } else {
            return QStringLiteral("unknown key '%1'; keys: %2").arg(key, kSetKeys.join(QStringLiteral(", ")));
        }
        return {};
    }

    CommandResult set(const std::vector<CommandArgument> &args)
    {
        if (args.empty())
            return usageError(QStringLiteral("nothing to set"));
        SessionState next = m_state;
        QStringList done;
        for (const CommandArgument &arg : args) {
            if (arg.key.isEmpty())
                return usageError(QStringLiteral("'%1' is not key=value").arg(arg.value));
            const QString key = normalizeKey(arg.key);
            if (QString problem = setKey(next, key, arg.value); !problem.isEmpty())
                return fail(QStringLiteral("Nothing changed: %1.").arg(problem));
            done << QStringLiteral("%1 = %2").arg(key, arg.value.trimmed());
        }
        m_state = std::move(next);
        return ok(QStringLiteral("Set %1.").arg(done.join(QStringLiteral(", "))));
    }

    CommandResult unset(const std::vector<CommandArgument> &args)
    {
        if (args.empty())
            return usageError(QStringLiteral("name the keys to clear"));
        SessionState next = m_state;
        QStringList done;
        for (const CommandArgument &arg : args) {
            const QString key = normalizeKey(arg.key.isEmpty() ? arg.value : arg.key);
            if (key == QLatin1String("backend")) next.backend.clear();
            else if (key == QLatin1String("model")) next.model.clear();
            else if (key == QLatin1String("temperature")) next.temperature.clear();
            else if (key == QLatin1String("reasoning-effort")) next.reasoningEffort.clear();
            else if (key == QLatin1String("thinking-budget")) next.thinkingBudget.clear();
            else if (key == QLatin1String("project")) next.project.clear();
            else if (key == QLatin1String("command-prefix")) next.commandPrefix.clear();
            else if (key == QLatin1String("interactive-mode")) next.interactiveMode.reset();
            else if (key == QLatin1String("redact-api-keys-in-prompts")) next.redactApiKeys.reset();
            else if (key == QLatin1String("loop-detection")) next.loopDetection.reset();
            else if (key == QLatin1String("oneoff")) next.oneoff.clear();
            else
                return fail(QStringLiteral("Nothing changed: unknown key '%1'; keys: %2.").arg(key, kSetKeys.join(QStringLiteral(", "))));
            done << key;
        }
        m_state = std::move(next);
        return ok(QStringLiteral("Cleared %1.").arg(done.join(QStringLiteral(", "))));
    }

    CommandResult shorthand(const QString &name, const std::vector<CommandArgument> &args)
    {
        if (args.size() != 1 || !args[0].key.isEmpty())
            return usageError(QStringLiteral("one value expected"));
        SessionState next = m_state;
        if (QString problem = setKey(next, name, args[0].value.trimmed()); !problem.isEmpty())
            return fail(QStringLiteral("Nothing changed: %1.").arg(problem));
        m_state = std::move(next);
        return ok(QStringLiteral("Set %1 = %2.").arg(name, args[0].value.trimmed()));
    }

    CommandResult oneoff(const std::vector<CommandArgument> &args)
    {
        if (args.size() != 1 || !args[0].key.isEmpty())
            return usageError(QStringLiteral("one backend:model expected"));
        QString v = args[0].value.trimmed();
        if (!v.contains(QLatin1Char(':')) && v.count(QLatin1Char('/')) == 1 && m_config.backend(v.section(QLatin1Char('/'), 0, 0)))
            v.replace(v.indexOf(QLatin1Char('/')), 1, QLatin1Char(':'));
        if (QString problem = checkSelector(v); !problem.isEmpty())
            return fail(QStringLiteral("Nothing changed: %1.").arg(problem));
        m_state.oneoff = v;
        return ok(QStringLiteral("The next request goes to %1 (once).").arg(v));
    }

    CommandResult project(const QString &name, const std::vector<CommandArgument> &args)
    {
        if (name == QLatin1String("pwd") || args.empty()) {
            if (!args.empty())
                return usageError(QStringLiteral("no arguments expected"));
            return ok(m_state.project.isEmpty() ? QStringLiteral("No project is set (%1project(<name>) sets one).").arg(m_prefix)
                                                : QStringLiteral("Project: %1").arg(m_state.project));
        }
        if (args.size() != 1)
            return usageError(QStringLiteral("one project name expected"));
        const QString value = args[0].key.isEmpty() ? args[0].value : args[0].value;
        SessionState next = m_state;
        if (QString problem = setKey(next, QStringLiteral("project"), value); !problem.isEmpty())
            return fail(QStringLiteral("Nothing changed: %1.").arg(problem));
        m_state = std::move(next);
        return ok(QStringLiteral("Project: %1").arg(m_state.project));
    }

    // ---- routes -----------------------------------------------------------------------------

    // name=<route> (or a first positional argument); the rest are returned in `rest`.
    QString routeName(const std::vector<CommandArgument> &args, std::vector<CommandArgument> *rest, QString *problem) const
    {
        QString name;
        for (size_t i = 0; i < args.size(); ++i) {
            const CommandArgument &arg = args[i];
            if (name.isEmpty() && (arg.key == QLatin1String("name") || (i == 0 && arg.key.isEmpty() && !rest)))
                name = arg.value.trimmed();
            else if (rest)
                rest->push_back(arg);
            else {
                *problem = QStringLiteral("unexpected argument '%1'").arg(arg.key.isEmpty() ? arg.value : arg.key);
                return {};
            }
        }
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
        if (name.isEmpty())
            *problem = QStringLiteral("name=<route> is required");
        else if (!valid.match(name).hasMatch())
            *problem = QStringLiteral("a route name is 1 to 64 letters, digits, '.', '_' or '-'");
        return name;
    }

    config::RouteConfig *sessionRoute(const QString &name)
    {
        for (config::RouteConfig &r : m_state.routes) {
            if (r.name == name)
                return &r;
        }
        return nullptr;
    }

    CommandResult createRoute(const std::vector<CommandArgument> &args)
    {
        std::vector<CommandArgument> rest;
        QString problem;
        const QString name = routeName(args, &rest, &problem);
        if (!problem.isEmpty())
            return usageError(problem);
        QString policy = QStringLiteral("m"); // every element in order, like the config default
        for (const CommandArgument &arg : rest) {
            if (arg.key != QLatin1String("policy"))
                return usageError(QStringLiteral("unexpected argument '%1'").arg(arg.key.isEmpty() ? arg.value : arg.key));
            policy = arg.value.trimmed().toLower();
        }
        static const QStringList policies = {QStringLiteral("k"), QStringLiteral("m"), QStringLiteral("km"), QStringLiteral("mk")};
        if (!policies.contains(policy))
            return usageError(QStringLiteral("policy must be k, m, km or mk, not '%1'").arg(policy));
        if (m_config.backend(name))
            return fail(QStringLiteral("Nothing changed: '%1' is a backend name; choose another route name.").arg(name));
        if (sessionRoute(name))
            return fail(QStringLiteral("Nothing changed: this session already has a route '%1' (%2delete-failover-route(name=%1) first).")
                            .arg(name, m_prefix));
        if (int(m_state.routes.size()) >= kMaxSessionRoutes)
            return fail(QStringLiteral("Nothing changed: a session has at most %1 routes.").arg(kMaxSessionRoutes));
        config::RouteConfig route;
        route.name = name;
        route.policy = policy;
        route.origin = QStringLiteral("session");
        m_state.routes.push_back(route);
        QString text = QStringLiteral("Created route '%1' (policy %2). Add elements with %3route-append(name=%1, backend:model).")
                           .arg(name, policy, m_prefix);
        if (m_config.route(name))
            text += QStringLiteral(" It shadows the configured route of the same name in this session.");
        return ok(text);
    }

    CommandResult addToRoute(const std::vector<CommandArgument> &args, bool prepend)
    {
        std::vector<CommandArgument> rest;
        QString problem;
        const QString name = routeName(args, &rest, &problem);
        if (!problem.isEmpty())
            return usageError(problem);
        config::RouteConfig *route = sessionRoute(name);
        if (!route)
            return fail(QStringLiteral("Nothing changed: no session route '%1' (%2create-failover-route(name=%1, policy=m) creates it).")
                            .arg(name, m_prefix));
        if (rest.empty())
            return usageError(QStringLiteral("at least one backend:model element is needed"));
        QStringList elements;
        for (const CommandArgument &arg : rest) {
            QString element = arg.key.isEmpty() ? arg.value.trimmed() : arg.key + QLatin1Char('=') + arg.value;
            if (!element.contains(QLatin1Char(':')) && element.count(QLatin1Char('/')) == 1
                && m_config.backend(element.section(QLatin1Char('/'), 0, 0)))
                element.replace(element.indexOf(QLatin1Char('/')), 1, QLatin1Char(':'));
            if (element == name)
                return fail(QStringLiteral("Nothing changed: a route cannot contain itself."));
            if (QString p = checkSelector(element); !p.isEmpty())
                return fail(QStringLiteral("Nothing changed: element '%1': %2.").arg(element, p));
            elements << element;
        }
        if (route->elements.size() + elements.size() > kMaxRouteElements)
            return fail(QStringLiteral("Nothing changed: a route has at most %1 elements.").arg(kMaxRouteElements));
        if (prepend)
            route->elements = elements + route->elements;
        else
            route->elements += elements;
        return ok(QStringLiteral("Route '%1' (%2): %3.").arg(name, route->policy, route->elements.join(QStringLiteral(", "))));
    }

    CommandResult clearRoute(const std::vector<CommandArgument> &args)
    {
        QString problem;
        const QString name = routeName(args, nullptr, &problem);
        if (!problem.isEmpty())
            return usageError(problem);
        config::RouteConfig *route = sessionRoute(name);
        if (!route)
            return fail(QStringLiteral("Nothing changed: no session route '%1'.").arg(name));
        route->elements.clear();
        return ok(QStringLiteral("Route '%1' is now empty.").arg(name));
    }

    CommandResult listRoute(const std::vector<CommandArgument> &args)
    {
        QString problem;
        const QString name = routeName(args, nullptr, &problem);
        if (!problem.isEmpty())
            return usageError(problem);
        const config::RouteConfig *route = sessionRoute(name);
        QString where = QStringLiteral("session");
        if (!route) {
            route = m_config.route(name);
            where = QStringLiteral("config");
        }
        if (!route)
            return fail(QStringLiteral("No route '%1'.").arg(name));
        return ok(QStringLiteral("Route '%1' (%2, policy %3): %4").arg(name, where, route->policy,
                                                                    route->elements.isEmpty() ? QStringLiteral("(empty)")
                                                                                              : route->elements.join(QStringLiteral(", "))));
    }

    CommandResult listRoutes(const std::vector<CommandArgument> &args)
    {
        if (!args.empty())
            return usageError(QStringLiteral("no arguments expected"));
        QStringList lines;
        for (const config::RouteConfig &r : m_state.routes)
            lines << QStringLiteral("  %1 (session, policy %2): %3").arg(r.name, r.policy, r.elements.join(QStringLiteral(", ")));
        for (const config::RouteConfig &r : m_config.routes) {
            if (!sessionRoute(r.name))
                lines << QStringLiteral("  %1 (config, policy %2): %3").arg(r.name, r.policy, r.elements.join(QStringLiteral(", ")));
        }
        if (lines.isEmpty())
            return ok(QStringLiteral("No failover routes. %1create-failover-route(name=<route>, policy=m) creates one.").arg(m_prefix));
        return ok(QStringLiteral("Failover routes:\n") + lines.join(QLatin1Char('\n')));
    }

    CommandResult deleteRoute(const std::vector<CommandArgument> &args)
    {
        QString problem;
        const QString name = routeName(args, nullptr, &problem);
        if (!problem.isEmpty())
            return usageError(problem);
        for (auto it = m_state.routes.begin(); it != m_state.routes.end(); ++it) {
            if (it->name == name) {
                m_state.routes.erase(it);
                QString text = QStringLiteral("Deleted route '%1'.").arg(name);
                if (m_state.model == name)
                    text += QStringLiteral(" Note: the session model still names it (%1unset(model) clears that).").arg(m_prefix);
                return ok(text);
            }
        }
        if (m_config.route(name))
            return fail(QStringLiteral("Nothing changed: '%1' is a configured route; edit the config file to remove it.").arg(name));
        return fail(QStringLiteral("Nothing changed: no session route '%1'.").arg(name));
    }

    SessionState &m_state;
    const config::Config &m_config;
    QString m_prefix;
    const Spec *m_spec = nullptr;
};

} // namespace

QStringList commandNames()
{
    QStringList names;
    for (const Spec &spec : kSpecs)
        names << QString::fromLatin1(spec.name);
    return names;
}

config::Config configWithSessionRoutes(const config::Config &config, const std::vector<config::RouteConfig> &routes)
{
    config::Config out = config;
    for (const config::RouteConfig &r : routes) {
        auto it = std::find_if(out.routes.begin(), out.routes.end(), [&](const config::RouteConfig &c) { return c.name == r.name; });
        if (it != out.routes.end())
            *it = r;
        else
            out.routes.push_back(r);
    }
    return out;
}

CommandResult executeCommand(const ParsedCommand &command, SessionState &state, const config::Config &config,
                             const QString &prefix)
{
    SessionState working = state;
    Runner runner(working, config, prefix);
    CommandResult result = runner.run(command);
    if (result.ok)
        state = std::move(working);
    return result;
}

} // namespace lip::session
