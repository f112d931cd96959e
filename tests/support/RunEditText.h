#pragma once
// Run-command edits written as test data: "add --read-only; removeValue --cap-add NET_ADMIN; secret --env DB_PASSWORD".
#include "core/findings/Finding.h"

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace drydock::test {

// The edits a "; "-separated list of "OP FLAG [VALUE]" names; OP is add, remove, removeValue, removeMount,
// readOnly, loopback, removePort or secret.
inline std::vector<RunEdit> runEdits(const QString& text)
{
    static const std::vector<std::pair<QString, RunEdit::Op>> ops{
        {QStringLiteral("add"), RunEdit::Op::AddFlag},
        {QStringLiteral("remove"), RunEdit::Op::RemoveFlag},
        {QStringLiteral("removeValue"), RunEdit::Op::RemoveValue},
        {QStringLiteral("removeMount"), RunEdit::Op::RemoveMount},
        {QStringLiteral("readOnly"), RunEdit::Op::ReadOnlyMount},
        {QStringLiteral("loopback"), RunEdit::Op::BindPortToLoopback},
        {QStringLiteral("removePort"), RunEdit::Op::RemovePort},
        {QStringLiteral("secret"), RunEdit::Op::ReplaceEnvSecret}};
    std::vector<RunEdit> out;
    for (const QString& part : text.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        const QStringList w = part.split(QLatin1Char(' '));
        RunEdit e;
        for (const auto& [name, op] : ops) {
            e.op = name == w.at(0) ? op : e.op;
        }
        e.flag = w.value(1).toStdString();
        e.value = w.mid(2).join(QLatin1Char(' ')).toStdString();
        out.push_back(e);
    }
    return out;
}

} // namespace drydock::test
