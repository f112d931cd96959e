#include "app/cli/GuiMain.h"

#include "app/cli/ExitCode.h"
#include "core/common/AppPaths.h"
#include "core/docker/ContextResolver.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/ColourScheme.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>

namespace drydock::app {

namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

bool exists(const std::string& path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0;
}

// Why the desktop application cannot open a window here, or "" when it can (as far as can be told without
// connecting). Qt itself aborts with a core dump when no platform plugin starts, which tells a person
// nothing.
std::string missingDisplay()
{
    const std::string platform = environment("QT_QPA_PLATFORM");
    if (!platform.empty() && platform.rfind("xcb", 0) != 0) {
        return {}; // offscreen, wayland, vnc …: the user chose it
    }
    const std::string wayland = environment("WAYLAND_DISPLAY");
    if (platform.empty() && !wayland.empty() &&
        (wayland.front() == '/' ? exists(wayland) : exists(environment("XDG_RUNTIME_DIR") + "/" + wayland))) {
        return {};
    }
    const std::string display = environment("DISPLAY");
    if (display.empty()) {
        return "no display (DISPLAY is not set)";
    }
    // ":0" or ":0.0" is a local X server with a socket in /tmp/.X11-unix; a host name is left to Qt.
    if (display.front() == ':') {
        const std::string number = display.substr(1, display.find('.') - 1);
        if (number.empty() || !exists("/tmp/.X11-unix/X" + number)) {
            return "no X server for DISPLAY " + display;
        }
    }
    return {};
}

} // namespace

int runGui(int argc, char** argv, const ParsedArgs& args, bool (*shouldQuit)())
{
    if (const std::string why = missingDisplay(); !why.empty()) {
        std::fprintf(
            stderr,
            "drydock: cannot start the desktop application: %s.\n"
            "Use a command instead (drydock scan, drydock --help), or set DISPLAY to a running X server "
            "or QT_QPA_PLATFORM (for example QT_QPA_PLATFORM=offscreen).\n",
            why.c_str());
        return ExitNoDisplay;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("drydock"));
    QApplication::setApplicationDisplayName(QStringLiteral("Drydock"));
    QApplication::setOrganizationName(QStringLiteral("drydock"));
    QApplication::setApplicationVersion(QStringLiteral(DRYDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("drydock"));
    // Qt 6.4 cannot ask the desktop for its dark or light preference: DRYDOCK_COLOR_SCHEME=dark (or light)
    // chooses the Fusion style with a dark (or light) palette; unset, the platform's style and palette stay.
    if (const std::string scheme = environment("DRYDOCK_COLOR_SCHEME");
        !ui::applyColourScheme(QString::fromStdString(scheme))) {
        std::fprintf(stderr, "drydock: DRYDOCK_COLOR_SCHEME=%s is not a colour scheme (use dark or light); "
                             "keeping the desktop's.\n",
                     scheme.c_str());
    }

    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ui::MainWindowServices services;
    services.catalogue = &catalogue;
    services.databasePath =
        QString::fromStdString(args.last("--db").value_or(AppPaths::defaultDatabasePath()));
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    auto endpoint = resolver.resolve(args.last("--host").value_or(""), args.last("--context").value_or(""));
    if (endpoint) {
        services.endpoint = endpoint.value();
    } else {
        services.endpointError = QString::fromStdString(endpoint.error().message);
    }
    ui::MainWindow window(std::move(services));
    // --background (the session autostart entry): hidden in the tray, watching; without a tray, a window.
    if (!args.has("--background") || !window.startInBackground()) {
        window.show();
    }
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
