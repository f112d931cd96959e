// The Copy button under every command, compose snippet and Dockerfile change: it puts exactly the text core
// rendered on the clipboard, and refuses text that still holds raw control characters.
#include "core/remediation/RunCommand.h"
#include "tests/support/StubDocker.h"
#include "ui/widgets/CommandView.h"

#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

class TestCommandView : public QObject
{
    Q_OBJECT
private slots:
    void copyPutsTheRenderedCommandOnTheClipboardExactly_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("an escape sequence") << QByteArray("\x1b]0;owned\x07;touch PWNED;");
        QTest::newRow("a newline followed by a hash") << QByteArray("x\n#';touch PWNED;'");
        QTest::newRow("a no-break space, which a text widget turns into a space") << QByteArray("a\xc2\xa0"
                                                                                                "b");
        QTest::newRow("a C1 control and a bidi override") << QByteArray("\xc2\x9b"
                                                                        "2J\xe2\x80\xae");
    }

    void copyPutsTheRenderedCommandOnTheClipboardExactly()
    {
        QFETCH(QByteArray, value);
        RunCommand command;
        command.options = {{"--env", "A=" + value.toStdString(), true}};
        command.image = "busybox:1";
        const QString rendered = QString::fromStdString(command.render());
        CommandView view;
        view.setText(rendered);
        auto* copy = view.findChild<QPushButton*>(QStringLiteral("copyButton"));
        QVERIFY(copy && copy->isEnabled());
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        QCOMPARE(copied, rendered);
        // Pasted into bash, the copied text passes exactly the value.
        const test::StubShellRun run =
            test::runWithStubDocker({QStringLiteral("/bin/bash")}, copied.toStdString());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.calls, std::vector<StringList>{command.argv()});
    }

    void textWithRawControlCharactersIsShownEscapedAndNotCopied()
    {
        // A command recorded by an older Drydock, with the escape character inside its quotes.
        const QString old = QStringLiteral("docker run --env 'A=\x1b]0;owned\x07' busybox:1");
        CommandView view;
        view.setText(old);
        auto* copy = view.findChild<QPushButton*>(QStringLiteral("copyButton"));
        auto* edit = view.findChild<QPlainTextEdit*>(QStringLiteral("commandText"));
        QVERIFY(copy && edit);
        QVERIFY(!copy->isEnabled());
        QVERIFY(edit->toPlainText().contains(QStringLiteral("\\u001b]0;owned\\u0007")));
        QVERIFY(!edit->toPlainText().contains(QChar(0x1b)));
        QApplication::clipboard()->setText(QStringLiteral("before"));
        view.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
    }
};

QTEST_MAIN(TestCommandView)
#include "TestCommandView.moc"
