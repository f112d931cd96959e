#include "app/cli/CommandLine.h"

#include <cstdio>
#include <cstring>
#include <string>

#ifdef DRYDOCK_WITH_GUI
#include "ui/MainWindow.h"
#include <QApplication>
#endif

namespace drydock::app {

int runMain(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("drydock %s\n", DRYDOCK_VERSION);
        return 0;
    }
#ifdef DRYDOCK_WITH_GUI
    QApplication app(argc, argv);
    ui::MainWindow window(QStringLiteral("not connected"));
    window.show();
    return app.exec();
#else
    std::fprintf(stderr, "drydock: built without the GUI\n");
    return 2;
#endif
}

} // namespace drydock::app
