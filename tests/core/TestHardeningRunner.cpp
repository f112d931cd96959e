#include "core/common/ShellQuote.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/HardeningRunner.h"
#include "core/json/ModelParser.h"
#include "tests/support/SequentialTransport.h"
#include "tests/support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace drydock;

namespace {

// One container as the fake daemon keeps it: only what the apply changes.
struct FakeContainer
{
    std::string id;
    std::string name;
    bool running = false;
    std::string policy;
    int retries = 0;
    bool autoRemove = false;
    bool hardened = false; // created by the apply

    bool operator==(const FakeContainer&) const = default;
};

struct DaemonState
{
    std::vector<FakeContainer> containers;
    int created = 0;

    FakeContainer* find(const std::string& idOrName)
    {
        for (auto& c : containers) {
            if (c.id == idOrName || c.name == idOrName) {
                return &c;
            }
        }
        return nullptr;
    }
    void erase(const std::string& idOrName)
    {
        std::erase_if(containers,
                      [&](const FakeContainer& c) { return c.id == idOrName || c.name == idOrName; });
    }
    QString describe() const
    {
        QStringList out;
        for (const auto& c : containers) {
            out << QStringLiteral("%1 %2 %3 %4:%5")
                       .arg(QString::fromStdString(c.id.substr(0, 8)), QString::fromStdString(c.name),
                            c.running ? QStringLiteral("running") : QStringLiteral("stopped"),
                            QString::fromStdString(c.policy), QString::number(c.retries));
        }
        return out.join(QStringLiteral("; "));
    }
};

// The answer of one write: the HTTP status and body the daemon sends.
std::pair<int, std::string> applyWrite(DaemonState& s, const std::string& method, const std::string& path,
                                       const std::string& query, const std::string& body)
{
    const QStringList parts = QString::fromStdString(path).split(QLatin1Char('/'));
    const std::string arg = QUrlQuery(QString::fromStdString(query))
                                .queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded)
                                .toStdString();
    const auto missing = std::make_pair(404, std::string(R"({"message":"No such container"})"));
    if (parts.value(0) == QLatin1String("networks")) {
        return {200, ""};
    }
    if (method == "POST" && parts.value(1) == QLatin1String("create")) {
        if (s.find(arg) != nullptr) {
            return {409, R"({"message":"Conflict. The container name is already in use"})"};
        }
        FakeContainer c;
        c.id = std::string(63, 'b') + char('0' + s.created++);
        c.name = arg;
        c.hardened = true;
        s.containers.push_back(c);
        return {201, R"({"Id":")" + c.id + R"(","Warnings":[]})"};
    }
    FakeContainer* c = s.find(parts.value(1).toStdString());
    if (c == nullptr) {
        return missing;
    }
    const QString action = parts.value(2);
    if (method == "DELETE") {
        s.erase(c->id);
        return {204, ""};
    }
    if (action == QLatin1String("start")) {
        c->running = true;
        return {204, ""};
    }
    if (action == QLatin1String("stop")) {
        if (!c->running) {
            return {304, ""};
        }
        c->running = false;
        if (c->autoRemove) {
            s.erase(c->id);
        }
        return {204, ""};
    }
    if (action == QLatin1String("rename")) {
        if (c->name == arg || s.find(arg) != nullptr) {
            return {409, R"({"message":"name in use"})"};
        }
        c->name = arg;
        return {204, ""};
    }
    if (action == QLatin1String("update")) {
        const QJsonObject policy = QJsonDocument::fromJson(QByteArray::fromStdString(body))
                                       .object()
                                       .value(QStringLiteral("RestartPolicy"))
                                       .toObject();
        c->policy = policy.value(QStringLiteral("Name")).toString().toStdString();
        c->retries = policy.value(QStringLiteral("MaximumRetryCount")).toInt();
        return {200, R"({"Warnings":[]})"};
    }
    if (action == QLatin1String("archive")) {
        return {200, ""};
    }
    return {500, R"({"message":"the fake daemon does not know this request"})"};
}

// Runs docker commands a person was told to run, on the fake daemon's state.
QString runCommands(DaemonState& s, const StringList& commands)
{
    for (const auto& line : commands) {
        auto words = shellSplit(line);
        if (!words || words->size() < 3 || words->at(0) != "docker") {
            return QStringLiteral("not a docker command: ") + QString::fromStdString(line);
        }
        const StringList& w = words.value();
        if (w[1] == "rm" && w.size() == 4 && w[2] == "-f") {
            s.erase(w[3]);
        } else if (w[1] == "rename" && w.size() == 4) {
            FakeContainer* c = s.find(w[2]);
            if (c != nullptr && s.find(w[3]) == nullptr) {
                c->name = w[3];
            }
        } else if (w[1] == "update" && w.size() == 5 && w[2] == "--restart") {
            if (FakeContainer* c = s.find(w[4])) {
                const auto colon = w[3].find(':');
                c->policy = w[3].substr(0, colon);
                c->retries = colon == std::string::npos ? 0 : std::stoi(w[3].substr(colon + 1));
            }
        } else if (w[1] == "start" && w.size() == 3) {
            if (FakeContainer* c = s.find(w[2])) {
                c->running = true;
            }
        } else {
            return QStringLiteral("unexpected command: ") + QString::fromStdString(line);
        }
    }
    return {};
}

enum class WriteMode
{
    Normal,
    Refuse,    // the daemon answers HTTP 500 and does nothing
    LoseAnswer // the daemon does it, but the answer never arrives
};

// A daemon that plays the Engine API calls of a trial and an apply on a DaemonState; its inspect answers are
// the recorded webapp container with this state's id, name, state and restart policy.
class FakeDaemon final : public test::SequentialTransport
{
public:
    DaemonState state;
    bool hardenedExits = false; // the hardened container stops right after it starts
    int writes = 0;
    // Asked before each write; may look at the state before it and decide how it goes.
    std::function<WriteMode(int index, const std::string& method, const std::string& path,
                            const std::string& query, const std::string& body)>
        onWrite;

    FakeDaemon()
    {
        m_base =
            QJsonDocument::fromJson(
                QByteArray::fromStdString(test::readData(QStringLiteral("api-1.41/container-webapp.json"))))
                .object();
        FakeContainer original;
        original.id = m_base.value(QStringLiteral("Id")).toString().toStdString();
        original.name = "webapp";
        original.running = true;
        original.policy = "on-failure";
        original.retries = 3;
        state.containers.push_back(original);
    }

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        // "/v1.41/containers/x/json?y" -> "containers/x/json", "y"
        std::string rest = request.path.substr(request.path.find('/', 1) + 1);
        const auto q = rest.find('?');
        const std::string query = q == std::string::npos ? std::string() : rest.substr(q + 1);
        const std::string path = rest.substr(0, q);
        if (request.method == "GET") {
            return get(path);
        }
        const WriteMode mode =
            onWrite ? onWrite(writes, request.method, path, query, request.body) : WriteMode::Normal;
        ++writes;
        if (mode == WriteMode::Refuse) {
            return HttpResponse{500, {}, R"({"message":"injected failure"})"};
        }
        auto [status, body] = applyWrite(state, request.method, path, query, request.body);
        if (mode == WriteMode::LoseAnswer) {
            return Error::make(ErrorCode::Timeout, "the answer was lost");
        }
        return HttpResponse{status, {}, body};
    }

private:
    Result<HttpResponse> get(const std::string& path)
    {
        const QStringList parts = QString::fromStdString(path).split(QLatin1Char('/'));
        if (parts.value(0) != QLatin1String("containers")) {
            return HttpResponse{404, {}, R"({"message":"no such image"})"};
        }
        FakeContainer* c = state.find(parts.value(1).toStdString());
        if (c == nullptr) {
            return HttpResponse{404, {}, R"({"message":"No such container"})"};
        }
        if (parts.value(2) == QLatin1String("logs")) {
            return HttpResponse{200, {}, ""};
        }
        if (parts.value(2) == QLatin1String("changes")) {
            return HttpResponse{200, {}, "[]"};
        }
        const bool running = c->running && !(c->hardened && hardenedExits);
        QJsonObject j = m_base;
        j.insert(QStringLiteral("Id"), QString::fromStdString(c->id));
        j.insert(QStringLiteral("Name"), QStringLiteral("/") + QString::fromStdString(c->name));
        QJsonObject st = j.value(QStringLiteral("State")).toObject();
        st.insert(QStringLiteral("Running"), running);
        st.insert(QStringLiteral("Status"), running ? QStringLiteral("running") : QStringLiteral("exited"));
        st.insert(QStringLiteral("ExitCode"), running || !c->hardened ? 0 : 3);
        st.remove(QStringLiteral("Health"));
        j.insert(QStringLiteral("State"), st);
        QJsonObject host = j.value(QStringLiteral("HostConfig")).toObject();
        host.insert(QStringLiteral("RestartPolicy"),
                    QJsonObject{{QStringLiteral("Name"), QString::fromStdString(c->policy)},
                                {QStringLiteral("MaximumRetryCount"), c->retries}});
        host.insert(QStringLiteral("AutoRemove"), c->autoRemove);
        j.insert(QStringLiteral("HostConfig"), host);
        return HttpResponse{200, {}, QJsonDocument(j).toJson().toStdString()};
    }

    QJsonObject m_base;
};

HardeningPlan webappPlan(const Container& c)
{
    Finding f;
    f.ruleId = "RUN-006";
    f.area = Area::Runtime;
    f.object = {ObjectType::Container, c.id, c.name};
    f.title = "no memory limit";
    f.remediation.edits = {{RunEdit::Op::AddFlag, "--memory", "512m"}};
    return HardeningPlanner().planContainer(c, nullptr, {f}, {}, {});
}

// A runner on a fake daemon, with the history's steps and the latest progress kept.
struct Harness
{
    std::unique_ptr<DockerClient> client;
    FakeDaemon* daemon = nullptr;
    std::unique_ptr<DockerWriter> writer;
    FixedClock clock{1764990000};
    std::unique_ptr<HardeningRunner> runner;
    std::vector<HardeningAction> steps;
    ApplyProgress progress;
    DaemonState initial;
    HardeningPlan plan;
    std::function<void()> onSleep;

    Harness()
    {
        auto fake = std::make_unique<FakeDaemon>();
        daemon = fake.get();
        client = std::make_unique<DockerClient>(std::move(fake), DockerEndpoint{});
        writer = std::make_unique<DockerWriter>(client->transport(), client->apiVersion(), nullptr);
        runner = std::make_unique<HardeningRunner>(
            *client, *writer, clock, [this](const HardeningAction& a) { steps.push_back(a); },
            [this](int) {
                if (onSleep) {
                    onSleep();
                }
            });
        runner->setWatchSeconds(2);
        runner->setProgressListener([this](const ApplyProgress& p) { progress = p; });
        initial = daemon->state;
        auto inspected = client->inspectContainer("webapp");
        plan = inspected ? webappPlan(inspected.value()) : HardeningPlan{};
    }
    bool recorded(const std::string& outcome) const
    {
        return std::any_of(steps.begin(), steps.end(),
                           [&](const HardeningAction& a) { return a.outcome == outcome; });
    }
};

// The writes of an apply that goes through to the end (or, with breaks, rolls back), as "POST stop".
QStringList writesOfAnApply(bool breaks)
{
    Harness h;
    h.daemon->hardenedExits = breaks;
    QStringList out;
    h.daemon->onWrite = [&](int, const std::string& method, const std::string& path, const std::string&,
                            const std::string&) {
        const QStringList parts = QString::fromStdString(path).split(QLatin1Char('/'));
        out << QString::fromStdString(method) + QLatin1Char(' ') +
                   (method == "DELETE" ? QStringLiteral("container") : parts.last());
        return WriteMode::Normal;
    };
    (void)h.runner->apply(h.plan, CancelToken());
    return out;
}

} // namespace

// The apply on a daemon that can be interrupted, refuse or lose an answer at every single request: the
// original always ends as it was, or the words say exactly how to get it back.
class TestHardeningRunner : public QObject
{
    Q_OBJECT

private slots:
    void aCleanApplyKeepsABackupThatNeverRestartsByItself()
    {
        Harness h;
        auto r = h.runner->apply(h.plan, CancelToken());
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QVERIFY(r->applied);
        FakeContainer* backup = h.daemon->state.find(r->backupName);
        QVERIFY(backup != nullptr);
        QCOMPARE(backup->id, h.initial.containers.front().id);
        QCOMPARE(backup->policy, std::string("no"));
        QVERIFY(!backup->running);
        QVERIFY(h.daemon->state.find("webapp")->hardened);
        QVERIFY(h.progress.finished);
    }

    void everyStepInterruptedOrRefusedEndsWithTheOriginalAsItWas_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("mode"); // 0 cancel as it is sent, 1 refused, 2 answer lost
        const QStringList writes = writesOfAnApply(false);
        for (int i = 0; i < writes.size(); ++i) {
            const QByteArray w = writes[i].toUtf8();
            QTest::addRow("interrupted as %s (write %d) is sent", w.constData(), i) << i << 0;
            QTest::addRow("%s (write %d) refused by the daemon", w.constData(), i) << i << 1;
            QTest::addRow("%s (write %d) done but its answer lost", w.constData(), i) << i << 2;
        }
    }

    void everyStepInterruptedOrRefusedEndsWithTheOriginalAsItWas()
    {
        QFETCH(int, index);
        QFETCH(int, mode);
        Harness h;
        CancelToken cancel;
        h.daemon->onWrite = [&](int i, const std::string&, const std::string&, const std::string&,
                                const std::string&) {
            if (i != index) {
                return WriteMode::Normal;
            }
            if (mode == 0) {
                cancel.cancel();
                return WriteMode::Normal;
            }
            return mode == 1 ? WriteMode::Refuse : WriteMode::LoseAnswer;
        };
        auto r = h.runner->apply(h.plan, cancel);
        if (r) {
            QVERIFY(!r->applied);
            QCOMPARE(r->interrupted, mode == 0);
        } else {
            // Only a stop that did not happen ends in an error without a rollback: nothing had changed.
            QVERIFY2(index == 0 && mode == 1, r.error().message.c_str());
        }
        QVERIFY2(h.daemon->state.containers == h.initial.containers, qPrintable(h.daemon->state.describe()));
        QCOMPARE(h.recorded("interrupted"), mode == 0);
    }

    void anInterruptionDuringTheWatchRollsBack()
    {
        Harness h;
        CancelToken cancel;
        h.onSleep = [&] { cancel.cancel(); };
        auto r = h.runner->apply(h.plan, cancel);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QVERIFY(r->interrupted);
        QVERIFY(r->rolledBack);
        QVERIFY2(h.daemon->state.containers == h.initial.containers, qPrintable(h.daemon->state.describe()));
    }

    // A second signal ends the process while any request is in flight: whether or not the daemon carried it
    // out, the printed commands bring the original back.
    void quittingAtAnyRequestLeavesCommandsThatRestore_data()
    {
        QTest::addColumn<bool>("breaks");
        QTest::addColumn<int>("index");
        for (const bool breaks : {false, true}) {
            const QStringList writes = writesOfAnApply(breaks);
            for (int i = 0; i < writes.size(); ++i) {
                QTest::addRow("%s: quit while %s (write %d) is in flight",
                              breaks ? "rolling back a container that exits" : "applying",
                              writes[i].toUtf8().constData(), i)
                    << breaks << i;
            }
        }
    }

    void quittingAtAnyRequestLeavesCommandsThatRestore()
    {
        QFETCH(bool, breaks);
        QFETCH(int, index);
        Harness h;
        h.daemon->hardenedExits = breaks;
        std::optional<DaemonState> before;
        std::optional<DaemonState> after;
        ApplyProgress atQuit;
        h.daemon->onWrite = [&](int i, const std::string& method, const std::string& path,
                                const std::string& query, const std::string& body) {
            if (i == index) {
                atQuit = h.progress;
                before = h.daemon->state;
                after = h.daemon->state;
                (void)applyWrite(*after, method, path, query, body);
            }
            return WriteMode::Normal;
        };
        (void)h.runner->apply(h.plan, CancelToken());
        QVERIFY(before && after);
        QVERIFY2(!atQuit.lastRequest.empty(), "the request in flight is named");
        const StringList commands = restoreCommands(atQuit);
        for (DaemonState* s : {&*before, &*after}) {
            const QString problem = runCommands(*s, commands);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY2(s->containers == h.initial.containers,
                     qPrintable(s->describe() + QStringLiteral("\n") +
                                QString::fromStdString(leftStateText(atQuit))));
        }
    }

    void aFailedRollbackSaysWhatIsLeftAndHowToRestore_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("lost"); // the daemon did it but the answer was lost; else it refused
        const QStringList all = writesOfAnApply(true);
        const QStringList forward = writesOfAnApply(false);
        for (int i = int(forward.size()); i < all.size(); ++i) {
            const QByteArray w = all[i].toUtf8();
            QTest::addRow("the rollback's %s (write %d) refused", w.constData(), i) << i << false;
            QTest::addRow("the rollback's %s (write %d) done but its answer lost", w.constData(), i)
                << i << true;
        }
    }

    void aFailedRollbackSaysWhatIsLeftAndHowToRestore()
    {
        QFETCH(int, index);
        QFETCH(bool, lost);
        Harness h;
        h.daemon->hardenedExits = true;
        h.daemon->onWrite = [&](int i, const std::string&, const std::string&, const std::string&,
                                const std::string&) {
            if (i != index) {
                return WriteMode::Normal;
            }
            return lost ? WriteMode::LoseAnswer : WriteMode::Refuse;
        };
        auto r = h.runner->apply(h.plan, CancelToken());
        DaemonState s = h.daemon->state;
        if (r) {
            // A lost answer the runner could check (the rename back) is no failure.
            QVERIFY(lost);
            QVERIFY(r->rolledBack);
        } else {
            const QString message = QString::fromStdString(r.error().message);
            QVERIFY2(message.contains(QStringLiteral("To restore the original")), qPrintable(message));
            StringList commands;
            for (const auto& line : message.split(QLatin1Char('\n'))) {
                if (line.startsWith(QStringLiteral("  docker "))) {
                    commands.push_back(line.trimmed().toStdString());
                }
            }
            const QString problem = runCommands(s, commands);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY2(s.containers == h.initial.containers,
                     qPrintable(s.describe() + QStringLiteral("\n") + message));
        }
        QVERIFY2(s.containers == h.initial.containers, qPrintable(s.describe()));
    }

    void aContainerStartedWithRmIsRefusedBeforeAnyRequest()
    {
        Harness h;
        h.daemon->state.containers.front().autoRemove = true;
        h.initial = h.daemon->state;
        auto r = h.runner->apply(h.plan, CancelToken());
        QVERIFY(!r);
        QVERIFY(QString::fromStdString(r.error().message).contains(QStringLiteral("--rm")));
        QCOMPARE(h.daemon->writes, 0);
        QVERIFY(h.daemon->state.containers == h.initial.containers);
    }

    void anOriginalThatVanishesWhenStoppedIsNeverReplaced()
    {
        Harness h;
        // Prepared without AutoRemove, removed by the daemon at the stop all the same.
        h.daemon->onWrite = [&](int i, const std::string&, const std::string&, const std::string&,
                                const std::string&) {
            if (i == 0) {
                h.daemon->state.containers.front().autoRemove = true;
            }
            return WriteMode::Normal;
        };
        auto r = h.runner->apply(h.plan, CancelToken());
        QVERIFY(!r);
        QVERIFY2(QString::fromStdString(r.error().message).contains(QStringLiteral("no longer exists")),
                 r.error().message.c_str());
        QVERIFY2(QString::fromStdString(r.error().message).contains(QStringLiteral("no backup")),
                 r.error().message.c_str());
        QCOMPARE(h.daemon->writes, 1); // the stop, and nothing after it
        QVERIFY(h.daemon->state.containers.empty());
    }
};

QTEST_GUILESS_MAIN(TestHardeningRunner)
#include "TestHardeningRunner.moc"
