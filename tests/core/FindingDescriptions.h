#pragma once
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/Rule.h"
#include "core/rules/RuleContext.h"

#include <QMetaType>
#include <QStringList>

#include <functional>

// Helpers for rule tests: evaluate one rule on a hand-made inventory, and describe findings and run edits as
// short strings so that data tables can state expectations in one line.
namespace drydock::test {

// A row's change to the baseline inventory.
using InventorySetup = std::function<void(Inventory&)>;

inline std::vector<Finding> evaluateRule(const Rule& rule, const Inventory& inventory, std::int64_t nowUnix)
{
    const ScanSettings settings;
    const RuleContext context(inventory, settings, nowUnix);
    FindingCollector collector;
    rule.evaluate(context, collector);
    return collector.take();
}

// "add --memory 512m", "remove --privileged", "loopback --publish 80/tcp", …
inline QString describe(const RunEdit& edit)
{
    static const char* const names[] = {"add",      "remove",   "remove-value", "remove-mount",
                                        "ro-mount", "loopback", "remove-port",  "env-secret"};
    QString text = QString::fromLatin1(names[static_cast<int>(edit.op)]) + " " + QString::fromStdString(edit.flag);
    if (!edit.value.empty()) {
        text += " " + QString::fromStdString(edit.value);
    }
    return text;
}

inline QStringList describe(const std::vector<RunEdit>& edits)
{
    QStringList out;
    for (const auto& e : edits) {
        out << describe(e);
    }
    return out;
}

// "severity" or "severity|discriminator" for each finding, in order.
inline QStringList summarize(const std::vector<Finding>& findings)
{
    QStringList out;
    for (const auto& f : findings) {
        QString s = QString::fromLatin1(toString(f.severity));
        if (!f.discriminator.empty()) {
            s += "|" + QString::fromStdString(f.discriminator);
        }
        out << s;
    }
    return out;
}

} // namespace drydock::test

Q_DECLARE_METATYPE(drydock::test::InventorySetup)
