#include "core/common/Strings.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"
#include "core/model/CapabilitySpelling.h"
#include "core/remediation/RunCommandHardener.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace drydock;

namespace {

// A container the fake daemon simulates: what it needs to behave as it does unchanged.
struct Needs
{
    StringList capabilities;       // every one of these must be granted
    bool root = false;             // runs only as root
    bool bindWhenNonRoot = false;  // binds a low port: as non-root it needs NET_BIND_SERVICE
    StringList writes;             // directories it writes files into
    bool privilegedOnly = false;   // uses a device: nothing but --privileged will do
    bool neverStays = false;       // exits at once whatever the configuration (its trials never behave)
    bool raisesPrivileges = false; // runs a setuid program: no-new-privileges breaks it
};

StringList granted(const RunCommand& cmd)
{
    if (cmd.hasFlag("--privileged")) {
        return linuxCapabilities();
    }
    StringList caps;
    const StringList drops = cmd.values("--cap-drop");
    const bool dropAll = std::any_of(drops.begin(), drops.end(), [](const auto& d) { return d == "ALL"; });
    for (const auto& c : dockerDefaultCapabilities()) {
        if (!dropAll && std::find(drops.begin(), drops.end(), c) == drops.end()) {
            caps.push_back(c);
        }
    }
    for (const auto& a : cmd.values("--cap-add")) {
        if (a == "ALL") {
            return linuxCapabilities();
        }
        caps.push_back(capabilityFlagValue(a));
    }
    return caps;
}

bool has(const StringList& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

// What one trial container of the simulated container does with the edits of a spec.
TrialObservation simulate(const HardeningPlan& plan, const Needs& needs, const TrialSpec& spec)
{
    const RunCommand cmd = RunCommandHardener().apply(plan.before, spec.edits);
    const StringList caps = granted(cmd);
    const bool root = !cmd.hasFlag("--user");
    std::string broken;
    for (const auto& c : needs.capabilities) {
        if (!has(caps, c)) {
            broken = "chown: Operation not permitted (" + c + ")";
        }
    }
    if (needs.root && !root) {
        broken = "su: Permission denied";
    }
    if (needs.bindWhenNonRoot && !root && !has(caps, "NET_BIND_SERVICE")) {
        broken = "cannot bind port 80";
    }
    if (needs.privilegedOnly && !cmd.hasFlag("--privileged")) {
        broken = "open /dev/fuse: Operation not permitted";
    }
    if (cmd.hasFlag("--read-only")) {
        StringList tmpfs;
        for (const auto& t : cmd.values("--tmpfs")) {
            tmpfs.push_back(t.substr(0, t.find(':')));
        }
        for (const auto& w : needs.writes) {
            const bool covered = std::any_of(tmpfs.begin(), tmpfs.end(), [&](const std::string& t) {
                return w == t || startsWith(w, t + "/");
            });
            if (!covered) {
                broken = "mkdir " + w + ": Read-only file system";
            }
        }
    }
    if (needs.raisesPrivileges && has(cmd.values("--security-opt"), "no-new-privileges:true")) {
        broken = "sudo: effective uid is not 0: Operation not permitted";
    }
    if (needs.neverStays) {
        broken = "exec format error";
    }
    TrialObservation o;
    o.label = spec.label;
    o.started = true;
    o.watchedSeconds = 5;
    o.running = broken.empty();
    o.state = o.running ? "running" : "exited";
    o.exitCode = o.running ? 0 : 1;
    if (!o.running) {
        o.permissionErrors = {broken};
    } else {
        for (const auto& w : needs.writes) {
            std::string prefix;
            for (const auto& part : split(w.substr(1), '/')) {
                prefix += "/" + part;
                o.writtenPaths.push_back(prefix);
            }
            o.writtenPaths.push_back(w + "/data");
        }
    }
    return o;
}

HardeningChange change(const std::string& id, std::vector<RunEdit> edits, ChangeChoice choice)
{
    HardeningChange c;
    c.id = id;
    c.ruleIds = {id.substr(0, id.find(':'))};
    c.title = id + " title";
    c.edits = std::move(edits);
    c.defaultChoice = c.choice = choice;
    return c;
}

// A busybox container with SYS_ADMIN added, running sleep, and the plan drydock makes for it.
HardeningPlan planFor(bool privileged = false)
{
    HardeningPlan plan;
    plan.object = {ObjectType::Container, "c0ffee", "app"};
    plan.running = true;
    plan.before.options = {{"--name", "app"}, {"--detach", "", false}};
    plan.before.image = "busybox";
    plan.before.command = {"sleep", "3600"};
    using Op = RunEdit::Op;
    if (privileged) {
        plan.before.options.push_back({"--privileged", "", false});
        plan.changes.push_back(change("CTR-002", {{Op::RemoveFlag, "--privileged", ""}}, ChangeChoice::Skip));
    } else {
        plan.before.options.push_back({"--cap-add", "SYS_ADMIN"});
        plan.changes.push_back(
            change("CTR-003:CAP_SYS_ADMIN",
                   {{Op::RemoveValue, "--cap-add", "SYS_ADMIN"}, {Op::AddFlag, "--cap-drop", "ALL"}},
                   ChangeChoice::Skip));
        plan.changes.push_back(change("CTR-004", {{Op::AddFlag, "--cap-drop", "ALL"}}, ChangeChoice::Apply));
    }
    plan.changes.push_back(change("CTR-001", {{Op::AddFlag, "--user", "10001:10001"}}, ChangeChoice::Skip));
    plan.changes.push_back(
        change("read-only",
               {{Op::AddFlag, "--read-only", ""}, {Op::AddFlag, "--tmpfs", "/tmp:rw,noexec,nosuid,size=64m"}},
               ChangeChoice::Apply));
    plan.changes.push_back(
        change("RUN-005", {{Op::AddFlag, "--security-opt", "no-new-privileges:true"}}, ChangeChoice::Apply));
    plan.changes.push_back(change("RUN-002", {{Op::AddFlag, "--memory", "512m"}}, ChangeChoice::Apply));
    // Trials publish no ports: this one cannot be probed and must keep its choice.
    plan.changes.push_back(
        change("NET-003:80/tcp", {{Op::BindPortToLoopback, "--publish", "80/tcp"}}, ChangeChoice::Apply));
    return plan;
}

// The fake TrialBatch: runs a batch by the rules of Needs, counting batches and their sizes.
struct FakeDaemon
{
    FakeDaemon(HardeningPlan p, Needs n) : plan(std::move(p)), needs(std::move(n)) {}

    HardeningPlan plan;
    Needs needs;
    int batches = 0;
    int largestBatch = 0;
    int cancelAfterBatches = -1; // fires the token during that batch
    CancelToken cancel;

    LeastPrivilegeProbe::RunTrials runner()
    {
        return [this](const std::vector<TrialSpec>& specs, const CancelToken&) {
            ++batches;
            largestBatch = std::max(largestBatch, static_cast<int>(specs.size()));
            if (batches == cancelAfterBatches) {
                cancel.cancel();
            }
            std::vector<TrialObservation> out;
            for (const auto& s : specs) {
                out.push_back(simulate(plan, needs, s));
            }
            return Result<std::vector<TrialObservation>>(std::move(out));
        };
    }
};

std::string verdictsText(const ProbeResult& r)
{
    StringList out;
    for (const auto& v : r.verdicts) {
        out.push_back(v.changeId + "=" + (v.tolerated ? "apply" : "skip"));
    }
    return join(out, " ");
}

const ProbeVerdict* verdictOf(const ProbeResult& r, const std::string& id)
{
    for (const auto& v : r.verdicts) {
        if (v.changeId == id) {
            return &v;
        }
    }
    return nullptr;
}

StringList words(const QString& text)
{
    StringList out;
    for (const auto& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        out.push_back(w.toStdString());
    }
    return out;
}

} // namespace

// The probe finds by trial what a container tolerates, and the plan follows what it found.
class TestLeastPrivilegeProbe : public QObject
{
    Q_OBJECT

private slots:
    void findsWhatTheContainerNeeds_data()
    {
        QTest::addColumn<QString>("needsCaps");
        QTest::addColumn<bool>("needsRoot");
        QTest::addColumn<bool>("bindWhenNonRoot");
        QTest::addColumn<QString>("writes");
        QTest::addColumn<QString>("verdicts");
        QTest::addColumn<QString>("addedBack");
        QTest::addColumn<QString>("tmpfs");
        // Rounds of trials (each a watch window): 2 when every capability can go (all quarters behave, then
        // the check of none added back beside the combined trial); 3 with a capability to find (quarters,
        // singles, the check with the combined trial); one more when the non-root user breaks, as the
        // capability search then starts again as root.
        QTest::addColumn<int>("rounds");

        const QString allApply = "CTR-003:CAP_SYS_ADMIN=apply CTR-004=apply CTR-001=apply read-only=apply "
                                 "RUN-005=apply RUN-002=apply";
        QTest::newRow("a container that changes file ownership gets cap-drop ALL with CHOWN added back")
            << "CHOWN" << false << false << "" << allApply << "CHOWN"
            << "" << 3;
        QTest::newRow("a process that starts as root and drops to a user keeps root, SETUID and SETGID")
            << "SETUID SETGID" << true << false << ""
            << "CTR-003:CAP_SYS_ADMIN=apply CTR-004=apply CTR-001=skip read-only=apply RUN-005=apply "
               "RUN-002=apply"
            << "SETGID SETUID"
            << "" << 4;
        QTest::newRow("a container that needs root keeps root and no capability")
            << "" << true << false << ""
            << "CTR-003:CAP_SYS_ADMIN=apply CTR-004=apply CTR-001=skip read-only=apply RUN-005=apply "
               "RUN-002=apply"
            << ""
            << "" << 3;
        QTest::newRow("a web server on port 80 needs NET_BIND_SERVICE once it runs as a non-root user")
            << "" << false << true << "" << allApply << "NET_BIND_SERVICE"
            << "" << 3;
        QTest::newRow(
            "a worker that writes into /var/cache/app and /tmp keeps /var/cache/app writable as tmpfs, "
            "not /var/cache (a tmpfs starts empty: it would hide the image's /var/cache/app)")
            << "" << false << false << "/var/cache/app /tmp/work" << allApply << ""
            << "/var/cache/app" << 2;
        QTest::newRow("a container that needs nothing tolerates every change")
            << "" << false << false << "" << allApply << ""
            << "" << 2;
        QTest::newRow("a container that really needs SYS_ADMIN keeps it, and the rest is still dropped")
            << "SYS_ADMIN CHOWN" << false << false << ""
            << "CTR-003:CAP_SYS_ADMIN=skip CTR-004=apply CTR-001=apply read-only=apply RUN-005=apply "
               "RUN-002=apply"
            << "CHOWN SYS_ADMIN"
            << "" << 3;
    }

    void findsWhatTheContainerNeeds()
    {
        QFETCH(QString, needsCaps);
        QFETCH(bool, needsRoot);
        QFETCH(bool, bindWhenNonRoot);
        QFETCH(QString, writes);
        QFETCH(QString, verdicts);
        QFETCH(QString, addedBack);
        QFETCH(QString, tmpfs);
        QFETCH(int, rounds);
        Needs needs;
        needs.capabilities = words(needsCaps);
        needs.root = needsRoot;
        needs.bindWhenNonRoot = bindWhenNonRoot;
        needs.writes = words(writes);
        FakeDaemon daemon(planFor(), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(QString::fromStdString(verdictsText(*result)), verdicts);
        const ProbeVerdict* caps = verdictOf(*result, "CTR-004");
        QVERIFY(caps != nullptr);
        QCOMPARE(caps->addedBack, words(addedBack));
        const ProbeVerdict* readOnly = verdictOf(*result, "read-only");
        QVERIFY(readOnly != nullptr);
        QCOMPARE(readOnly->tmpfsDirectories, words(tmpfs));
        QVERIFY(verdictOf(*result, "NET-003:80/tcp") == nullptr);
        for (const auto& v : result->verdicts) {
            QVERIFY2(!v.evidence.empty(), v.changeId.c_str());
        }
        // Every tolerated change together behaves too, and was checked in one last trial.
        QVERIFY(result->combinedChecked);
        QVERIFY2(result->combined.sameBehaviour, result->combined.evidence.c_str());
        // Singles, the baseline, the simple changes together, four quarters (twice when the search starts
        // again as root), group tests (four per level for each needed capability), the check of what was
        // found, and the combined trial (twice when the one beside the last trials did not count).
        const int k = static_cast<int>(caps->addedBack.size());
        const int levels = static_cast<int>(std::ceil(std::log(15.0) / std::log(4.0)));
        const int bound = 6 + 1 + 1 + 4 * 2 + 4 * k * levels + 1 + 2;
        QVERIFY2(result->trials <= bound, std::to_string(result->trials).c_str());
        QVERIFY(daemon.largestBatch <= 8); // the default: a few at a time
        QCOMPARE(result->rounds, daemon.batches);
        QCOMPARE(result->rounds, rounds);
    }

    void aBaselineThatDoesNotStayUpVerifiesNothing()
    {
        Needs needs;
        needs.neverStays = true;
        FakeDaemon daemon(planFor(), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(!result.ok());
        QVERIFY(contains(result.error().message, "no change can be verified"));
        QVERIFY(contains(result.error().message, "exit code 1"));
        QCOMPARE(daemon.batches, 1);
    }

    void aBaselineThatCannotStartSaysWhatTheDaemonSaid()
    {
        FakeDaemon daemon(planFor(), Needs{});
        LeastPrivilegeProbe probe([](const std::vector<TrialSpec>& specs, const CancelToken&) {
            std::vector<TrialObservation> out(specs.size());
            out[0].startError = "no such image";
            return Result<std::vector<TrialObservation>>(out);
        });
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(!result.ok());
        QVERIFY(contains(result.error().message, "no such image"));
        QVERIFY(contains(result.error().message, "no change can be verified"));
    }

    void privilegedIsReplacedByTheCapabilitiesItUses_data()
    {
        QTest::addColumn<QString>("needsCaps");
        QTest::addColumn<bool>("device");
        QTest::addColumn<bool>("tolerated");
        QTest::addColumn<QString>("addedBack");
        QTest::addColumn<QString>("evidence");
        QTest::newRow("a container that only sleeps needs nothing of privileged mode")
            << "" << false << true << ""
            << "stayed";
        QTest::newRow("a container that mounts needs SYS_ADMIN in place of privileged mode")
            << "SYS_ADMIN" << false << true << "SYS_ADMIN"
            << "SYS_ADMIN added";
        QTest::newRow("a container that uses a device keeps privileged mode, and devices were not probed")
            << "" << true << false << ""
            << "devices, which were not probed";
    }

    void privilegedIsReplacedByTheCapabilitiesItUses()
    {
        QFETCH(QString, needsCaps);
        QFETCH(bool, device);
        QFETCH(bool, tolerated);
        QFETCH(QString, addedBack);
        QFETCH(QString, evidence);
        Needs needs;
        needs.capabilities = words(needsCaps);
        needs.privilegedOnly = device;
        FakeDaemon daemon(planFor(true), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        const ProbeVerdict* v = verdictOf(*result, "CTR-002");
        QVERIFY(v != nullptr);
        QCOMPARE(v->tolerated, tolerated);
        QCOMPARE(v->addedBack, words(addedBack));
        QVERIFY2(contains(v->evidence, evidence.toStdString()), v->evidence.c_str());
    }

    void writesIntoASystemDirectoryLeaveTheRootWritable()
    {
        Needs needs;
        needs.writes = {"/etc/app"};
        FakeDaemon daemon(planFor(), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        const ProbeVerdict* v = verdictOf(*result, "read-only");
        QVERIFY(v != nullptr);
        QVERIFY(!v->tolerated);
        QVERIFY(contains(v->evidence, "/etc/app"));
        QVERIFY(v->tmpfsDirectories.empty());
    }

    void runsAFewAtATimeAndReportsProgressAfterEachBatch()
    {
        Needs needs;
        needs.capabilities = {"CHOWN"};
        FakeDaemon daemon(planFor(), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        probe.setTrialsAtOnce(3);
        std::vector<ProbeProgress> seen;
        probe.setProgress([&](const ProbeProgress& p) { seen.push_back(p); });
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        QCOMPARE(daemon.largestBatch, 3);
        QCOMPARE(static_cast<int>(seen.size()), daemon.batches + 1);
        QCOMPARE(seen.front().done, 0);
        QVERIFY(contains(seen.front().current, "baseline")); // first: the trials others wait for
        QVERIFY(contains(seen.front().current, "10001"));
        for (std::size_t i = 1; i < seen.size(); ++i) {
            QVERIFY(seen[i].done >= seen[i - 1].done);
            QVERIFY(seen[i].total >= seen[i].done);
        }
        QCOMPARE(seen.back().done, result->trials);
        QCOMPARE(seen.back().total, result->trials);
        QVERIFY(seen.back().current.empty());
    }

    void cancelStopsPromptlyWithTheVerdictsSoFar()
    {
        Needs needs;
        needs.capabilities = {"CHOWN"};
        FakeDaemon daemon(planFor(), needs);
        daemon.cancelAfterBatches = 3;
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        QVERIFY(result->cancelled);
        QCOMPARE(daemon.batches, 3);
        QVERIFY(!result->combinedChecked);
        // The first two batches settled the singles; the bisection had not finished.
        QVERIFY(verdictOf(*result, "CTR-001") != nullptr);
        QVERIFY(verdictOf(*result, "CTR-004") == nullptr);
        QVERIFY(verdictOf(*result, "CTR-003:CAP_SYS_ADMIN") == nullptr);
    }

    void aCancelBeforeTheFirstBatchRunsNothing()
    {
        FakeDaemon daemon(planFor(), Needs{});
        daemon.cancel.cancel();
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        QVERIFY(result->cancelled);
        QCOMPARE(daemon.batches, 0);
        QVERIFY(result->verdicts.empty());
    }

    void theDaemonFailingStopsTheProbeWithItsWords()
    {
        FakeDaemon daemon(planFor(), Needs{});
        LeastPrivilegeProbe probe([](const std::vector<TrialSpec>&, const CancelToken&) {
            return Result<std::vector<TrialObservation>>(
                Error::make(ErrorCode::DaemonUnreachable, "Cannot reach the daemon."));
        });
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY(contains(result.error().message, "Cannot reach the daemon."));
    }

    void theSimpleChangesAreTriedTogetherAndAloneOnlyWhenTogetherBreaks()
    {
        Needs fine;
        FakeDaemon quiet(planFor(), fine);
        const auto together = LeastPrivilegeProbe(quiet.runner()).probe(quiet.plan, quiet.cancel);
        QVERIFY(together.ok());
        QVERIFY(contains(verdictOf(*together, "RUN-002")->evidence, "tried together"));
        QVERIFY(verdictOf(*together, "RUN-005")->tolerated);

        Needs setuid;
        setuid.raisesPrivileges = true;
        FakeDaemon daemon(planFor(), setuid);
        const auto result = LeastPrivilegeProbe(daemon.runner()).probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        const ProbeVerdict* nnp = verdictOf(*result, "RUN-005");
        QVERIFY(!nnp->tolerated);
        QVERIFY2(contains(nnp->evidence, "effective uid"), nnp->evidence.c_str());
        const ProbeVerdict* memory = verdictOf(*result, "RUN-002");
        QVERIFY(memory->tolerated);
        QVERIFY2(!contains(memory->evidence, "tried together"), memory->evidence.c_str()); // its own trial
        QVERIFY(result->trials > together->trials);
    }

    void thePlanFollowsTheProbe()
    {
        Needs needs;
        needs.capabilities = {"CHOWN"};
        needs.root = true;
        needs.writes = {"/var/cache/app"};
        FakeDaemon daemon(planFor(), needs);
        LeastPrivilegeProbe probe(daemon.runner());
        const auto result = probe.probe(daemon.plan, daemon.cancel);
        QVERIFY(result.ok());
        HardeningPlan plan = daemon.plan;
        applyProbeResult(plan, *result);

        const HardeningChange* caps = plan.find("CTR-004");
        QCOMPARE(caps->choice, ChangeChoice::Apply);
        QCOMPARE(caps->trial, TrialVerdict::Tolerated);
        QVERIFY(endsWith(caps->title, "(verified by trial)"));
        QVERIFY(!caps->trialEvidence.empty());
        const RunEdit chown{RunEdit::Op::AddFlag, "--cap-add", "CHOWN"};
        QVERIFY(std::find(caps->edits.begin(), caps->edits.end(), chown) != caps->edits.end());

        const HardeningChange* sysAdmin = plan.find("CTR-003:CAP_SYS_ADMIN");
        QCOMPARE(sysAdmin->choice, ChangeChoice::Apply); // was skip by default
        QVERIFY(std::find(sysAdmin->edits.begin(), sysAdmin->edits.end(), chown) != sysAdmin->edits.end());

        const HardeningChange* user = plan.find("CTR-001");
        QCOMPARE(user->choice, ChangeChoice::Skip);
        QCOMPARE(user->trial, TrialVerdict::Broke);
        QVERIFY(contains(user->trialEvidence, "Permission denied"));
        QVERIFY(!endsWith(user->title, "(verified by trial)"));

        const HardeningChange* readOnly = plan.find("read-only");
        const RunEdit cache{RunEdit::Op::AddFlag, "--tmpfs", "/var/cache/app:rw,nosuid,size=64m,mode=1777"};
        QVERIFY(std::find(readOnly->edits.begin(), readOnly->edits.end(), cache) != readOnly->edits.end());

        const HardeningChange* port = plan.find("NET-003:80/tcp");
        QCOMPARE(port->choice, ChangeChoice::Apply);
        QCOMPARE(port->trial, TrialVerdict::NotTried);
        QVERIFY(plan.notes.empty());
    }

    void aCombinedTrialThatFailsLeavesANoteAndTheVerdicts()
    {
        HardeningPlan plan = planFor();
        ProbeResult result;
        result.verdicts = {{"CTR-001", true, "stayed running for 5 s", {}, {}},
                           {"RUN-005", true, "stayed running for 5 s", {}, {}}};
        result.combinedChecked = true;
        result.combined = {false, "logged `Operation not permitted`"};
        applyProbeResult(plan, result);
        QCOMPARE(plan.find("CTR-001")->choice, ChangeChoice::Apply);
        QCOMPARE(plan.find("RUN-005")->trial, TrialVerdict::Tolerated);
        QCOMPARE(plan.notes.size(), std::size_t(1));
        QVERIFY(contains(plan.notes.front(), "all of them together did not"));
        QVERIFY(contains(plan.notes.front(), "Operation not permitted"));
    }
};

QTEST_APPLESS_MAIN(TestLeastPrivilegeProbe)
#include "TestLeastPrivilegeProbe.moc"
