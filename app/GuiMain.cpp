#include "app/GuiMain.h"

#include "core/docker/ContextResolver.h"
#include "ui/MainWindow.h"

#include <QApplication>

namespace drydock::app {

int runGui(int argc, char** argv, const ParsedArgs& args)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Drydock"));
    QApplication::setOrganizationName(QStringLiteral("drydock"));
    QApplication::setApplicationVersion(QStringLiteral(DRYDOCK_VERSION));
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    const auto endpoint = resolver.resolve(args.last("--host").value_or(""), args.last("--context").value_or(""));
    const QString where = endpoint ? QString::fromStdString(endpoint.value().display())
                                   : QString::fromStdString(endpoint.error().message);
    ui::MainWindow window(where);
    window.show();
    return app.exec();
}

} // namespace drydock::app
