#pragma once
#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace drydock::ui {

// The application window: wires pages, menus, actions and the status bar; decides nothing itself.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString& endpointDescription, QWidget* parent = nullptr);

private:
    void createMenus();

    QStackedWidget* m_pages = nullptr;
    QLabel* m_endpointLabel = nullptr;
};

} // namespace drydock::ui
