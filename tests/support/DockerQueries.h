#pragma once
// Questions integration tests ask the private daemon through the docker CLI.
#include "tests/support/TestSupport.h"

#include <QString>
#include <QStringList>

namespace drydock::test {

// `docker inspect -f FORMAT NAME`, trimmed; empty when the container does not exist.
inline QString inspectField(const QString& name, const QString& format)
{
    QString out;
    docker({QStringLiteral("inspect"), QStringLiteral("-f"), format, name}, &out);
    return out.trimmed();
}

// The names of every container, running or not.
inline QStringList containerNames()
{
    QString out;
    docker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")},
           &out);
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace drydock::test
