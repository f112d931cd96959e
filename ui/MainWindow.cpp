#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace drydock::ui {

MainWindow::MainWindow(const QString& endpointDescription, QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Drydock"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/drydock.svg")));
    resize(1200, 800);
    m_pages = new QStackedWidget(this);
    auto* welcome = new QLabel(tr("<h2>Drydock</h2><p>Security dashboard for Docker.</p>"), m_pages);
    welcome->setAlignment(Qt::AlignCenter);
    m_pages->addWidget(welcome);
    setCentralWidget(m_pages);
    m_endpointLabel = new QLabel(endpointDescription, this);
    statusBar()->addPermanentWidget(m_endpointLabel);
    createMenus();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

} // namespace drydock::ui
