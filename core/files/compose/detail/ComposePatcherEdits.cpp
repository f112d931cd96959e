#include "core/files/compose/detail/ComposePatcherEdits.h"

#include "core/common/Strings.h"
#include "core/files/compose/detail/ComposePatcherMap.h"
#include "core/files/compose/detail/ComposePatcherValues.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunCommandHardener.h"

#include <algorithm>

namespace drydock::composepatch {

namespace {

constexpr std::string_view kSecretsDir = "./secrets/";

std::string secretName(const RunEdit& e)
{
    return secretFileNameFor(e.value);
}

// The state one edit step sees: the parsed file, the service as a block mapping, and an editor.
struct Step
{
    TextLines& text;
    YAML::Node root;
    ServiceView view;
    BlockMap service;
    MapEditor editor;
};

bool holds(const Step& s, const RunEdit& e, const Target& t)
{
    const YAML::Node& svc = s.view.value;
    const std::string key = t.keys.empty() ? std::string() : t.keys.front();
    const bool add = e.op == RunEdit::Op::AddFlag;
    switch (t.kind) {
    case Target::Kind::None:
        return false;
    case Target::Kind::Scalar: {
        if (!add) {
            return !findEntry(svc, key);
        }
        const YAML::Node v = entryOr(svc, key);
        return t.form == ComposeForm::True ? isTrue(v) : v.IsScalar() && v.Scalar() == e.value;
    }
    case Target::Kind::List: {
        if (e.op == RunEdit::Op::RemoveFlag) {
            return std::none_of(t.keys.begin(), t.keys.end(),
                                [&](const auto& k) { return findEntry(svc, k); });
        }
        const auto items = scalars(entryOr(svc, key));
        const bool has =
            std::any_of(items.begin(), items.end(), [&](const auto& i) { return sameItem(key, i, e.value); });
        return add ? has : !has;
    }
    case Target::Kind::Volumes: {
        bool found = false;
        bool writable = false;
        for (const auto& item : entryOr(svc, "volumes")) {
            const VolumeItem v = volumeItem(item);
            if (sameContainerPath(v.target, e.value)) {
                found = true;
                writable = writable || !v.readOnly;
            }
        }
        return e.op == RunEdit::Op::RemoveMount ? !found : found && !writable;
    }
    case Target::Kind::Ports: {
        const YAML::Node ports = entryOr(svc, "ports");
        if (add) {
            const auto items = scalars(ports);
            return std::find(items.begin(), items.end(), e.value) != items.end();
        }
        bool found = false;
        for (const auto& item : ports) {
            const PortItem p = portItem(item);
            if (e.op == RunEdit::Op::RemovePort ? p.key == normalisePortKey(e.value)
                                                : publishesPort(p.key, e.value)) {
                found = true;
                if (e.op == RunEdit::Op::RemovePort || !isLoopback(p.hostIp)) {
                    return false;
                }
            }
        }
        return found || e.op == RunEdit::Op::RemovePort;
    }
    case Target::Kind::Environment: {
        const YAML::Node env = entryOr(svc, "environment");
        const auto secrets = scalars(entryOr(svc, "secrets"));
        return !envIndex(env, e.value) && envIndex(env, e.value + "_FILE") &&
               std::find(secrets.begin(), secrets.end(), secretName(e)) != secrets.end() &&
               findEntry(entryOr(s.root, "secrets"), secretName(e));
    }
    case Target::Kind::Logging: {
        const YAML::Node logging = entryOr(svc, "logging");
        if (!add) {
            return !findEntry(logging, "driver");
        }
        const std::size_t eq = e.value.find('=');
        const YAML::Node v = entryOr(entryOr(logging, "options"), e.value.substr(0, eq));
        return v.IsScalar() && v.Scalar() == (eq == std::string::npos ? "" : e.value.substr(eq + 1));
    }
    case Target::Kind::Healthcheck: {
        const YAML::Node hc = entryOr(svc, "healthcheck");
        return add ? findEntry(hc, "test").has_value() : !isTrue(entryOr(hc, "disable"));
    }
    case Target::Kind::NetworkMode:
        return !findEntry(svc, "network_mode");
    }
    return false;
}

// Why an edit cannot be made here although the service is editable: its key comes from a merge key (<<),
// from extends:, or is an alias.
std::string inherited(const Step& s, const RunEdit& e, const Target& t)
{
    const YAML::Node& svc = s.view.value;
    for (const auto& key : t.keys) {
        if (const auto own = findEntry(svc, key)) {
            const Place p = placeOf(s.text, own->second);
            // A null's mark is the next token's, so only a value with content can show it is an alias.
            if (!own->second.IsNull() && (p.line < s.view.extent.first || p.line > s.view.extent.last)) {
                return key + " is an alias of the anchor at line " + std::to_string(p.line + 1) +
                       "; edit the anchored value or write it out in the service";
            }
            // `cap_add: &caps` that another service reads as `*caps`: changing it here changes that service
            // too, and removing it leaves the alias pointing at nothing (the whole patch would not parse).
            const Place k = placeOf(s.text, own->first);
            const std::string& line = s.text.lines[k.line];
            const std::size_t amp = line.find('&', k.column);
            if (amp != std::string::npos) {
                std::size_t end = amp + 1;
                while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '[' &&
                       line[end] != '{') {
                    ++end;
                }
                const std::string alias = "*" + line.substr(amp + 1, end - amp - 1);
                // (no line number: earlier edits of this service have moved the lines of the file being
                // patched)
                for (std::size_t i = 0; alias.size() > 1 && i < s.text.lines.size(); ++i) {
                    if (s.text.lines[i].find(alias) != std::string::npos) {
                        return key + " carries the anchor &" + alias.substr(1) + ", which " + alias +
                               " elsewhere in the file reads; change both by hand";
                    }
                }
            }
            continue;
        }
        if (const auto merge = findEntry(svc, "<<")) {
            const YAML::Node& m = merge->second;
            bool there = m.IsMap() && findEntry(m, key);
            for (std::size_t i = 0; m.IsSequence() && i < m.size(); ++i) {
                there = there || findEntry(m[i], key);
            }
            if (there) {
                return key + " comes from the merge key << at line " +
                       std::to_string(placeOf(s.text, merge->first).line + 1) +
                       " (an anchor shared with other services); edit the anchor or override it by hand";
            }
        }
        const bool removes = e.op != RunEdit::Op::AddFlag;
        if (const auto ext = findEntry(svc, "extends"); ext && removes) {
            return key +
                   " is not set in this service; it may come from the service named in extends: (line " +
                   std::to_string(placeOf(s.text, ext->first).line + 1) + "), which is where to change it";
        }
    }
    return {};
}

template <typename F> std::optional<std::size_t> indexWhere(const YAML::Node& seq, F pred)
{
    std::size_t i = 0;
    for (const auto& item : seq) {
        if (pred(item)) {
            return i;
        }
        ++i;
    }
    return std::nullopt;
}

char quoteOf(const Step& s, const YAML::Node& n)
{
    const Place p = placeOf(s.text, n);
    const char c = p.line < s.text.lines.size() && p.column < s.text.lines[p.line].size()
                       ? s.text.lines[p.line][p.column]
                       : 0;
    return c == '"' || c == '\'' ? c : 0;
}

// The quoting of a new item: as the list's first item, else plain where YAML allows.
std::string itemText(const Step& s, const YAML::Node& seq, std::string_view value)
{
    const char q = seq.IsSequence() && seq.size() > 0 ? quoteOf(s, seq[0]) : 0;
    return styled(q, value, false);
}

EditResult stepEnvironment(Step& s, const RunEdit& e)
{
    const std::string name = e.value;
    const std::string secret = secretName(e);
    const std::string path = "/run/secrets/" + secret;
    std::string why;
    const YAML::Node env = entryOr(s.view.value, "environment");
    if (const auto i = envIndex(env, name)) {
        if (env.IsSequence()) {
            const char q = quoteOf(s, env[*i]);
            if (envIndex(env, name + "_FILE")) {
                return s.editor.removeItem(s.service, "environment", *i);
            }
            return s.editor.replaceItem(s.service, "environment", *i,
                                        styled(q, name + "_FILE=" + path, false));
        }
        const auto envMap = s.editor.childMap(s.service, "environment", &why);
        if (!envMap) {
            return {0, "environment: " + why};
        }
        const auto extent = s.editor.entryExtent(*envMap, name);
        const std::string head = s.text.lines[extent->first].substr(0, envMap->keyColumn);
        s.text.erase(extent->first, extent->last + 1);
        if (!envIndex(env, name + "_FILE")) {
            s.text.insert(extent->first, {head + scalarText(name + "_FILE") + ": " + path});
        }
        return {static_cast<int>(extent->first) + 1, {}};
    }
    if (!envIndex(env, name + "_FILE")) {
        return {0, name + " is not set in this service's environment: (an env_file or the anchor sets it); "
                          "move it to a secret by hand"};
    }
    const YAML::Node secrets = entryOr(s.view.value, "secrets");
    const auto listed = scalars(secrets);
    if (std::find(listed.begin(), listed.end(), secret) == listed.end()) {
        return s.editor.appendItem(s.service, "secrets", itemText(s, secrets, secret));
    }
    const YAML::Node top = entryOr(s.root, "secrets");
    std::size_t last = 0;
    for (std::size_t i = 0; i < s.text.lines.size(); ++i) {
        last = isBlankOrComment(s.text.lines[i]) ? last : i;
    }
    const BlockMap root{s.root, 0, {0, last}};
    const std::string unit = s.editor.indent(s.editor.unit());
    if (!findEntry(s.root, "secrets")) {
        return s.editor.addBlock(
            root,
            "secrets:", {unit + secret + ":", unit + unit + "file: " + std::string(kSecretsDir) + secret});
    }
    const auto topMap = s.editor.childMap(root, "secrets", &why);
    if (!topMap) {
        return {0, "the top-level secrets: " + why};
    }
    return s.editor.addBlock(*topMap, secret + ":", {unit + "file: " + std::string(kSecretsDir) + secret});
}

EditResult stepOnce(Step& s, const RunEdit& e, const Target& t)
{
    const YAML::Node& svc = s.view.value;
    const std::string key = t.keys.empty() ? std::string() : t.keys.front();
    const bool add = e.op == RunEdit::Op::AddFlag;
    const std::string unit = s.editor.indent(s.editor.unit());
    std::string why;
    switch (t.kind) {
    case Target::Kind::None:
        return {0, t.why};
    case Target::Kind::Scalar:
        if (!add) {
            return s.editor.removeKey(s.service, key);
        }
        return s.editor.setScalar(s.service, key,
                                  t.form == ComposeForm::True                          ? std::string("true")
                                  : t.form == ComposeForm::Number && isNumber(e.value) ? e.value
                                                                                       : scalarText(e.value));
    case Target::Kind::List: {
        for (const auto& k : t.keys) {
            if (e.op == RunEdit::Op::RemoveFlag && findEntry(svc, k)) {
                return s.editor.removeKey(s.service, k);
            }
        }
        const YAML::Node list = entryOr(svc, key);
        if (add) {
            return s.editor.appendItem(s.service, key, itemText(s, list, e.value));
        }
        if (list.IsScalar()) {
            return s.editor.removeKey(s.service, key);
        }
        const auto i = indexWhere(
            list, [&](const YAML::Node& n) { return n.IsScalar() && sameItem(key, n.Scalar(), e.value); });
        return s.editor.removeItem(s.service, key, *i);
    }
    case Target::Kind::Volumes: {
        const YAML::Node vols = entryOr(svc, "volumes");
        const auto match = [&](bool writableOnly) {
            return indexWhere(vols, [&](const YAML::Node& n) {
                const VolumeItem v = volumeItem(n);
                return sameContainerPath(v.target, e.value) && (!writableOnly || !v.readOnly);
            });
        };
        if (e.op == RunEdit::Op::RemoveMount) {
            return s.editor.removeItem(s.service, "volumes", *match(false));
        }
        const auto i = match(true);
        if (!i) {
            return {0, "no volume is mounted at " + e.value + " in this service"};
        }
        const YAML::Node item = vols[*i];
        if (item.IsScalar()) {
            const MaskedVariables m = MaskedVariables::of(item.Scalar());
            VolumeArg v = VolumeArg::parse(m.text);
            v.setReadOnly();
            return s.editor.replaceItem(s.service, "volumes", *i,
                                        restyled(quoteOf(s, item), m.restore(v.text()), false));
        }
        const auto m = s.editor.itemMap(s.service, "volumes", *i, &why);
        return m ? s.editor.setScalar(*m, "read_only", "true") : EditResult{0, why};
    }
    case Target::Kind::Ports: {
        const YAML::Node ports = entryOr(svc, "ports");
        if (add) {
            return s.editor.appendItem(s.service, "ports", quoted(e.value));
        }
        const auto i = indexWhere(ports, [&](const YAML::Node& n) {
            const PortItem p = portItem(n);
            return (e.op == RunEdit::Op::RemovePort ? p.key == normalisePortKey(e.value)
                                                    : publishesPort(p.key, e.value)) &&
                   (e.op == RunEdit::Op::RemovePort || !isLoopback(p.hostIp));
        });
        if (!i) {
            return {0, "port " + e.value + " is not published by this service"};
        }
        if (e.op == RunEdit::Op::RemovePort) {
            return s.editor.removeItem(s.service, "ports", *i);
        }
        // "80:80" and "[::]:80:80" publish one port on both address families: once the first is on
        // 127.0.0.1, the second would become the same binding, which docker refuses ("port is already
        // allocated") — it goes instead, as `drydock harden` drops the duplicate of a container.
        const PortItem bound = portItem(ports[*i]);
        for (std::size_t j = 0; j < ports.size(); ++j) {
            const PortItem other = portItem(ports[j]);
            if (j != *i && other.key == bound.key && other.hostPort == bound.hostPort &&
                !bound.hostPort.empty() && other.hostIp == "127.0.0.1") {
                return s.editor.removeItem(s.service, "ports", *i);
            }
        }
        const YAML::Node item = ports[*i];
        if (item.IsScalar()) {
            const MaskedVariables m = MaskedVariables::of(item.Scalar());
            PublishArg p = PublishArg::parse(m.text);
            p.hostIp = "127.0.0.1";
            return s.editor.replaceItem(s.service, "ports", *i,
                                        restyled(quoteOf(s, item), m.restore(p.text()), true));
        }
        const auto m = s.editor.itemMap(s.service, "ports", *i, &why);
        return m ? s.editor.setScalar(*m, "host_ip", "127.0.0.1") : EditResult{0, why};
    }
    case Target::Kind::Environment:
        return stepEnvironment(s, e);
    case Target::Kind::Logging: {
        const std::size_t eq = e.value.find('=');
        const std::string optKey = e.value.substr(0, eq);
        const std::string optValue = quoted(eq == std::string::npos ? "" : e.value.substr(eq + 1));
        if (!findEntry(svc, "logging")) {
            return s.editor.addBlock(s.service,
                                     "logging:", {unit + "options:", unit + unit + optKey + ": " + optValue});
        }
        const auto logging = s.editor.childMap(s.service, "logging", &why);
        if (!logging) {
            return {0, why};
        }
        if (!add) {
            return logging->node.size() == 1 ? s.editor.removeKey(s.service, "logging")
                                             : s.editor.removeKey(*logging, "driver");
        }
        if (!findEntry(logging->node, "options")) {
            return s.editor.addBlock(*logging, "options:", {unit + optKey + ": " + optValue});
        }
        const auto options = s.editor.childMap(*logging, "options", &why);
        return options ? s.editor.setScalar(*options, optKey, optValue) : EditResult{0, "logging: " + why};
    }
    case Target::Kind::Healthcheck: {
        const std::string test = "[\"CMD-SHELL\", " + quoted(e.value) + "]";
        if (!findEntry(svc, "healthcheck")) {
            return add ? s.editor.addBlock(s.service, "healthcheck:", {unit + "test: " + test})
                       : EditResult{0, "healthcheck: is not set"};
        }
        const auto hc = s.editor.childMap(s.service, "healthcheck", &why);
        if (!hc) {
            return {0, why};
        }
        if (!add) {
            return hc->node.size() == 1 ? s.editor.removeKey(s.service, "healthcheck")
                                        : s.editor.removeKey(*hc, "disable");
        }
        return s.editor.setScalar(*hc, "test", test);
    }
    case Target::Kind::NetworkMode:
        return s.editor.removeKey(s.service, "network_mode");
    }
    return {0, "unknown edit"};
}

std::string describe(const RunEdit& e, const Target& t)
{
    const std::string key = t.keys.empty() ? std::string() : t.keys.front();
    switch (e.op) {
    case RunEdit::Op::AddFlag:
        if (t.kind == Target::Kind::Scalar) {
            return "set " + key + ": " + (t.form == ComposeForm::True ? "true" : e.value);
        }
        return "added " + e.value + " to " + key;
    case RunEdit::Op::RemoveFlag:
        return "removed " + join(t.keys, " and ");
    case RunEdit::Op::RemoveValue:
        return "removed " + e.value + " from " + key;
    case RunEdit::Op::RemoveMount:
        return "removed the volume mounted at " + e.value;
    case RunEdit::Op::ReadOnlyMount:
        return "made the volume at " + e.value + " read-only";
    case RunEdit::Op::BindPortToLoopback:
        return "published port " + e.value + " on 127.0.0.1 only";
    case RunEdit::Op::RemovePort:
        return "stopped publishing port " + e.value;
    case RunEdit::Op::ReplaceEnvSecret:
        return e.value + " now comes from the secret " + secretFileNameFor(e.value) + " (" + e.value +
               "_FILE=/run/secrets/" + secretFileNameFor(e.value) + "); its value is no longer in the file";
    }
    return {};
}

std::optional<Step> stepAt(TextLines& text, std::string_view service, std::string* why)
{
    YAML::Node root;
    try {
        root = text.parsed();
    } catch (const YAML::Exception& e) {
        *why = "an edit made the file unreadable (" + e.msg + ")";
        return std::nullopt;
    }
    auto view = locateService(text, root, service, why);
    if (!view) {
        return std::nullopt;
    }
    const BlockMap map{view->value, view->childColumn, view->extent};
    const std::size_t unit = view->indentUnit;
    return Step{text, root, *view, map, MapEditor(text, unit)};
}

} // namespace

Target targetOf(const RunEdit& e)
{
    using K = Target::Kind;
    const std::string& f = e.flag;
    if (f == "--volume" || f == "--mount") {
        return {K::Volumes, {"volumes"}, ComposeForm::Block, {}};
    }
    if (f == "--publish") {
        return {K::Ports, {"ports"}, ComposeForm::List, {}};
    }
    if (f == "--env" && e.op == RunEdit::Op::ReplaceEnvSecret) {
        return {K::Environment, {"environment"}, ComposeForm::List, {}};
    }
    if (f == "--log-opt" || (f == "--log-driver" && e.op == RunEdit::Op::RemoveFlag)) {
        return {K::Logging, {"logging"}, ComposeForm::Block, {}};
    }
    if (f == "--health-cmd" || (f == "--no-healthcheck" && e.op == RunEdit::Op::RemoveFlag)) {
        return {K::Healthcheck, {"healthcheck"}, ComposeForm::Block, {}};
    }
    if (f == "--network" && e.op == RunEdit::Op::RemoveFlag) {
        return {K::NetworkMode, {"network_mode"}, ComposeForm::Text, {}};
    }
    if (f == "--network") {
        return {K::None,
                {},
                ComposeForm::Block,
                "compose attaches the service to the project's network by itself"};
    }
    if (f == "--link" && e.op == RunEdit::Op::RemoveFlag) {
        return {K::List, {"external_links", "links"}, ComposeForm::List, {}};
    }
    const RunFlag* row = findRunFlag(f);
    const std::string none = "docker run " + f + " has no compose key that this patch can write";
    if (!row) {
        return {K::None, {}, ComposeForm::NoEquivalent, none};
    }
    const std::string key(row->composeKey);
    switch (row->compose) {
    case ComposeForm::Text:
    case ComposeForm::Number:
    case ComposeForm::True:
        return {K::Scalar, {key}, row->compose, {}};
    case ComposeForm::List:
        return {K::List, {key}, row->compose, {}};
    default:
        return {K::None, {}, row->compose, none};
    }
}

EditOutcome applyEdit(TextLines& text, std::string_view service, const RunEdit& edit)
{
    const Target t = targetOf(edit);
    EditOutcome out;
    if (t.kind == Target::Kind::None) {
        out.skipped = t.why;
        return out;
    }
    const TextLines before = text;
    out.description = describe(edit, t);
    for (int step = 0; step < 32; ++step) {
        std::string why;
        auto s = stepAt(text, service, &why);
        if (!s) {
            text = before;
            out.error = "patching " + out.description + ": " + why;
            return out;
        }
        if (step == 0) {
            if (const std::string reason = inherited(*s, edit, t); !reason.empty()) {
                out.skipped = reason;
                return out;
            }
        }
        if (holds(*s, edit, t)) {
            if (step == 0) {
                out.description = "already so: " + out.description;
            } else if (edit.op == RunEdit::Op::ReplaceEnvSecret) {
                const std::string secret = secretName(edit);
                out.fileToCreate = ComposePatchReport::FileToCreate{
                    std::string(kSecretsDir) + secret,
                    "the value of " + edit.value + " alone, readable by the service's user and no one else"};
            }
            return out;
        }
        if (step == 0 && edit.op == RunEdit::Op::BindPortToLoopback) {
            for (const auto& item : entryOr(s->view.value, "ports")) {
                if (item.IsMap() && publishesPort(portItem(item).key, edit.value)) {
                    out.description += " (host_ip: of the long syntax is a Compose Specification key that "
                                       "docker-compose 1.x rejects; docker compose v2 reads it)";
                    break;
                }
            }
        }
        const EditResult r = stepOnce(*s, edit, t);
        if (!r.ok()) {
            text = before;
            out.skipped = r.why;
            return out;
        }
        out.line = out.line == 0 ? r.line : out.line;
    }
    text = before;
    out.error = "patching " + out.description + " did not converge";
    return out;
}

bool holdsIn(const TextLines& text, const YAML::Node& root, std::string_view service, const RunEdit& edit)
{
    std::string why;
    auto view = locateService(text, root, service, &why);
    if (!view) {
        return false;
    }
    TextLines copy = text;
    Step s{copy, root, *view, BlockMap{view->value, view->childColumn, view->extent}, MapEditor(copy, 2)};
    return holds(s, edit, targetOf(edit));
}

} // namespace drydock::composepatch
