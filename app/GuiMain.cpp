#include "app/GuiMain.h"

#include "core/common/AppPaths.h"
#include "core/docker/ContextResolver.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QTimer>

namespace drydock::app {

int runGui(int argc, char** argv, const ParsedArgs& args, bool (*shouldQuit)())
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("drydock"));
    QApplication::setApplicationDisplayName(QStringLiteral("Drydock"));
    QApplication::setOrganizationName(QStringLiteral("drydock"));
    QApplication::setApplicationVersion(QStringLiteral(DRYDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("drydock"));

    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ui::MainWindowServices services;
    services.catalogue = &catalogue;
    services.databasePath = QString::fromStdString(args.last("--db").value_or(AppPaths::defaultDatabasePath()));
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    auto endpoint = resolver.resolve(args.last("--host").value_or(""), args.last("--context").value_or(""));
    if (endpoint) {
        services.endpoint = endpoint.value();
    } else {
        services.endpointError = QString::fromStdString(endpoint.error().message);
    }
    ui::MainWindow window(std::move(services));
    window.show();
    QTimer quitPoll;
    if (shouldQuit) {
        QObject::connect(&quitPoll, &QTimer::timeout, &window, [shouldQuit, &window] {
            if (shouldQuit()) {
                window.close();
            }
        });
        quitPoll.start(200);
    }
    return app.exec();
}

} // namespace drydock::app
